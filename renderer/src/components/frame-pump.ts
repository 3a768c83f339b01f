import { api } from '../api.ts';

type Drawable = { draw(image: ImageBitmap): void };

/**
 * Moves viewfinder frames from the transport to the screen. Decoding (off the
 * main thread in Chromium) and drawing overlap: while frame N is drawn in an
 * animation frame, N+1 decodes. Only the newest frame is ever decoded or
 * drawn, so a slow machine shows fewer frames, never older ones.
 */
export function startFramePump(canvas: HTMLCanvasElement, target: () => Drawable | null, onFps: (fps: number) => void): () => void {
  let nextJpeg: Uint8Array | null = null;
  let decoding = false;
  let ready: ImageBitmap | null = null;
  let drawScheduled = false;
  let stopped = false;
  let received = 0;
  let painted = 0;
  let windowStart = performance.now();
  let windowCount = 0;

  const paint = () => {
    drawScheduled = false;
    const bitmap = ready;
    ready = null;
    if (!bitmap || stopped) return bitmap?.close();
    target()?.draw(bitmap);
    bitmap.close();
    painted += 1;
    windowCount += 1;
    // Read by the e2e test and by people curious about their frame rate.
    canvas.dataset.painted = String(painted);
    const now = performance.now();
    if (now - windowStart >= 1000) {
      const fps = (windowCount * 1000) / (now - windowStart);
      canvas.dataset.fps = fps.toFixed(1);
      onFps(fps);
      windowStart = now;
      windowCount = 0;
    }
  };

  const decode = () => {
    if (decoding || !nextJpeg || stopped) return;
    const jpeg = nextJpeg;
    nextJpeg = null;
    decoding = true;
    createImageBitmap(new Blob([jpeg as BlobPart], { type: 'image/jpeg' }))
      .then((bitmap) => {
        ready?.close();
        ready = bitmap;
        if (!drawScheduled) {
          drawScheduled = true;
          requestAnimationFrame(paint);
        }
      })
      // A corrupt frame is skipped; the next one repaints.
      .catch(() => undefined)
      .finally(() => {
        decoding = false;
        decode();
      });
  };

  const off = api.on('viewfinder.frame', (frame) => {
    received += 1;
    canvas.dataset.received = String(received);
    nextJpeg = frame.jpeg;
    decode();
  });
  return () => {
    stopped = true;
    off();
    ready?.close();
  };
}
