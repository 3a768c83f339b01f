import * as looks from '../looks/index.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import { writeShotMetadata } from '../metadata/index.ts';
import { APP_NAME, APP_VERSION } from './version.ts';

export type RawFrame = { raw: Buffer; width: number; height: number; channels: 3; at: Date };

/**
 * Develops one captured frame through a look and files it in the library.
 * The EXIF goes into the temp file before the catalog commit, so a shot is
 * either complete (pixels, metadata, row) or absent.
 */
export async function shoot(options: { library: Library; frame: RawFrame; lookId: string; strength?: number; grain?: number; seed?: number }): Promise<LibraryItem> {
  const { library, frame, lookId } = options;
  const camera = looks.getCamera(lookId);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const developed = await looks.developStill(
    { raw: frame.raw, width: frame.width, height: frame.height, channels: 3 },
    { cameraId: lookId, strength: options.strength, grain: options.grain, seed, dateStamp: frame.at, format: 'jpeg', quality: 92 },
  );
  return library.addShot({
    kind: 'photo',
    data: developed.data,
    ext: 'jpg',
    width: developed.width,
    height: developed.height,
    takenAt: frame.at,
    cameraId: camera.id,
    cameraName: camera.name,
    recipe: developed.recipe,
    beforeCommit: (tempFile) =>
      writeShotMetadata(tempFile, {
        takenAt: frame.at,
        utcOffsetMinutes: -frame.at.getTimezoneOffset(),
        make: APP_NAME,
        model: camera.name,
        software: `${APP_NAME} ${APP_VERSION}`,
      }),
  });
}
