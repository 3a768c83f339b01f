import { z } from 'zod';
import { method, nothing } from './define.ts';

export const appMethods = {
  'app.info': method(
    nothing,
    z.object({ version: z.string(), libraryDir: z.string(), ffmpeg: z.string().nullable(), ffmpegProblem: z.string().nullable() }),
  ),
};
