import * as capture from '../../capture/index.ts';
import type { appMethods } from '../../shared/contract/methods/app.ts';
import { APP_VERSION } from '../version.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function appHandlers({ library }: AppContext): DomainHandlers<typeof appMethods> {
  return {
    async 'app.info'() {
      const ffmpeg = await capture.findFfmpeg().then(
        (found) => ({ ffmpeg: `${found.version} (${found.path})`, ffmpegProblem: found.limitations ?? null }),
        (error: Error) => ({ ffmpeg: null, ffmpegProblem: error.message }),
      );
      return { version: APP_VERSION, libraryDir: library.root, ...ffmpeg };
    },
  };
}
