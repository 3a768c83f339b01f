// Film looks (cameras to users): the list, their preview parameters and samples, LUT import, developing.
import { z } from 'zod';
import { PreviewParams } from '../../looks/preview.ts';
import { LibraryItem } from './library.ts';
import { bytes, id, method, nothing, unit } from './define.ts';

export const Look = z.object({
  id,
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['photo', 'video']),
  aspect: z.string().nullable(),
  /** Made from a LUT the user brought, not shipped with the app. */
  imported: z.boolean(),
});

export const PreviewLook = z.object({
  id,
  size: z.number().int().min(2).max(256),
  // RGB, 16 bits per channel, red index fastest: uploaded as a 3D texture as is.
  lut: bytes,
  params: PreviewParams,
});

/** Largest picture a page may send for a develop sample: it scales the photo down first (to about 720 px). */
export const SAMPLE_PICTURE_MAX_BYTES = 4 * 1024 * 1024;

/** What a develop dialog previews the camera on: an album item, a file the picker gave, or a small copy the page made. */
export const SampleSubject = z.union([
  z.object({ item: id }).strict(),
  z.object({ file: id }).strict(),
  z
    .object({
      picture: bytes.refine((data) => data.byteLength > 0 && data.byteLength <= SAMPLE_PICTURE_MAX_BYTES, `must be 1 byte to ${SAMPLE_PICTURE_MAX_BYTES} bytes`),
      name: z.string().min(1).max(255),
    })
    .strict(),
]);

/** The largest viewfinder grain plate main draws (12 bytes a pixel: 28 MB): a viewfinder canvas 1920x1200. */
export const VIEWFINDER_PLATE_MAX_PIXELS = 1920 * 1200;

export const looksMethods = {
  'looks.list': method(nothing, z.array(Look)),
  'looks.preview': method(z.object({ id }).strict(), PreviewLook),
  'looks.sample': method(z.object({ id }).strict(), z.object({ jpeg: bytes.nullable() })),
  /**
   * The viewfinder's grain plate for a canvas this size and seed, drawn by the still renderer: RGB float32
   * rows from the top, or null when the camera has no grain or its grain is not finer than a pixel here.
   */
  'looks.grainPlate': method(
    z
      .object({ id, width: z.number().int().min(1).max(4096), height: z.number().int().min(1).max(4096), seed: z.number().int().min(0).max(2 ** 31 - 1) })
      .strict()
      .refine((size) => size.width * size.height <= VIEWFINDER_PLATE_MAX_PIXELS, { message: `width x height must be at most ${VIEWFINDER_PLATE_MAX_PIXELS} pixels`, path: ['width'] }),
    z.object({ plate: bytes.nullable() }),
  ),
  /** `file`: a handle from the files domain (a .cube, .3dl or HaldCLUT .png/.tif the person chose). */
  'looks.import': method(
    z
      .object({
        file: id,
        name: z.string().min(1).max(60).optional(),
        baseLookId: id.optional(),
      })
      .strict(),
    Look,
  ),
  /** Renames an imported camera; its id stays, so shots and recipes that name it are unchanged. */
  'looks.rename': method(z.object({ id, name: z.string().min(1).max(60) }).strict(), Look),
  /** How many shots in the album (trash included) were developed with a camera: what deleting it would touch. */
  'looks.uses': method(z.object({ id }).strict(), z.object({ shots: z.number().int().min(0) })),
  /** Takes an imported camera off the list. Shots made with it keep their recipe and can still be developed again. */
  'looks.delete': method(z.object({ id }).strict(), z.object({})),
  /** `file`: a handle from the files domain. The photo is read where it is, never sent as one message. */
  /** The chosen camera on the person's own photo, small (about 720 px), so a develop dialog shows what it will make. */
  'develop.sample': method(
    z.object({ lookId: id, strength: unit.optional(), grain: unit.optional(), subject: SampleSubject }).strict(),
    z.object({ jpeg: bytes, width: z.number().int().positive(), height: z.number().int().positive() }),
  ),
  'develop.photo': method(
    z
      .object({
        lookId: id,
        file: id,
        strength: unit.optional(),
        grain: unit.optional(),
      })
      .strict(),
    LibraryItem,
  ),
};
