import { api } from '../api.ts';

type Drawable = { draw(image: ImageBitmap): void; bypass: boolean; readonly grainPending?: boolean };

export type FramePump = {
  stop(): void;
  /**
   * Keeps the picture on screen as it is until the returned release is called (a shutter's blackout: the shot
   * being developed gets the machine, not the next preview frame). The newest frame that arrives meanwhile is
   * kept and shown on release. Holds nest.
   */
  hold(): () => void;
};

/**
 * Moves viewfinder frames from the transport to the screen. Decoding (off the
 * main thread in Chromium) and drawing overlap: while frame N is drawn in an
 * animation frame, N+1 decodes. Only the newest frame that arrived is decoded,
 * and only once the last one is painted, so a slow machine shows fewer
 * frames, never older ones, and wastes no work on frames it drops.
 */
export function startFramePump(canvas: HTMLCanvasElement, target: () => Drawable | null, onFps: (fps: number) => void): FramePump {
  let nextJpeg: { jpeg: Uint8Array; developed: boolean } | null = null;
  let decoding = false;
  let ready: { bitmap: ImageBitmap; developed: boolean } | null = null;
  let drawScheduled = false;
  let stopped = false;
  let holds = 0;
  let received = 0;
  let painted = 0;
  let windowStart = performance.now();
  let windowCount = 0;

  const schedulePaint = () => {
    if (ready && !drawScheduled) {
      drawScheduled = true;
      requestAnimationFrame(paint);
    }
  };

  const paint = () => {
    drawScheduled = false;
    if (holds > 0) return;
    const frame = ready;
    ready = null;
    if (!frame || stopped) return frame?.bitmap.close();
    // The next frame decodes (off the main thread) while this one draws.
    decode();
    const renderer = target();
    if (renderer) {
      // A recording's frames already carry the look: drawing it again would double it.
      renderer.bypass = frame.developed;
      renderer.draw(frame.bitmap);
      canvas.dataset.frameSize = `${frame.bitmap.width}x${frame.bitmap.height}`;
      canvas.dataset.grainPending = String(renderer.grainPending ?? false);
    }
    frame.bitmap.close();
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
    // One decoded frame waits for paint at most: decoding more when painting is the bottleneck only
    // burns the CPU the painting needs, on frames that would be dropped anyway.
    if (decoding || ready || !nextJpeg || stopped || holds > 0) return;
    const { jpeg, developed } = nextJpeg;
    nextJpeg = null;
    decoding = true;
    createImageBitmap(new Blob([jpeg as BlobPart], { type: 'image/jpeg' }))
      .then((bitmap) => {
        ready?.bitmap.close();
        ready = { bitmap, developed };
        schedulePaint();
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
    nextJpeg = { jpeg: frame.jpeg, developed: frame.developed ?? false };
    decode();
  });
  return {
    stop() {
      stopped = true;
      off();
      ready?.bitmap.close();
    },
    hold() {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        if (holds > 0 || stopped) return;
        // The rate counts painting time, not the hold.
        windowStart = performance.now();
        windowCount = 0;
        schedulePaint();
        decode();
      };
    },
  };
}
