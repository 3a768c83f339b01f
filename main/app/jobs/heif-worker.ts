// Decodes HEIC/HEIF off the main thread: libheif compiled to WebAssembly runs synchronously, and a 12 MP photo
// takes it over a second, which on the main thread would freeze the viewfinder and every window event.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- heic-decode has no types; every program importing this file needs ours
/// <reference path="./heic-decode.d.ts" />
import { parentPort } from 'node:worker_threads';
import decodeHeic from 'heic-decode';

export type HeifJob = { id: number; bytes: Uint8Array };
export type HeifReply = { id: number; width: number; height: number; rgb: ArrayBuffer } | { id: number; error: string };

parentPort!.on('message', async ({ id, bytes }: HeifJob) => {
  try {
    const { width, height, data } = await decodeHeic({ buffer: bytes });
    // RGB, as the look engine reads it; made here so the main thread gets the pixels by transfer, not by copy.
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0, o = 0; i < data.length; i += 4, o += 3) {
      rgb[o] = data[i]!;
      rgb[o + 1] = data[i + 1]!;
      rgb[o + 2] = data[i + 2]!;
    }
    parentPort!.postMessage({ id, width, height, rgb: rgb.buffer } satisfies HeifReply, [rgb.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error)?.message ?? String(error) } satisfies HeifReply);
  }
});
