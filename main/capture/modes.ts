import type { VideoMode } from './sources.ts';

/** Formats in order of preference: MJPEG carries 1080p30 over USB 2 where YUYV manages ~5 fps (NOTES). */
const FORMAT_RANK = ['mjpeg', 'yuyv422', 'nv12', 'yuv420p', 'uyvy422', 'rgb24', 'bgr24', 'h264'];

function rank(format: string): number {
  const i = FORMAT_RANK.indexOf(format);
  return i < 0 ? FORMAT_RANK.length : i;
}

const maxFps = (m: VideoMode) => (m.fps.length ? Math.max(...m.fps) : undefined);
const pixels = (m: { width: number; height: number }) => m.width * m.height;

/**
 * Picks the capture mode for a request. With a size: that size, else the smallest mode covering it, else the
 * largest. Without: the largest mode up to 1920x1080 that reaches 24 fps where rates are known (a 4K mode at
 * 2 fps makes a useless viewfinder). Ties go to the better pixel format.
 */
export function chooseMode(
  modes: VideoMode[],
  request: { size?: { width: number; height: number }; fps?: number } = {},
): { mode: VideoMode; fps?: number } | undefined {
  const usable = modes.filter((m) => m.width > 0 && m.height > 0);
  if (!usable.length) return undefined;
  const smooth = (m: VideoMode) => (maxFps(m) ?? 30) >= Math.min(24, request.fps ?? 24);
  const byPreference = (a: VideoMode, b: VideoMode) =>
    Number(smooth(b)) - Number(smooth(a)) || rank(a.pixelFormat) - rank(b.pixelFormat);

  let pool: VideoMode[];
  const size = request.size;
  if (size) {
    const exact = usable.filter((m) => m.width === size.width && m.height === size.height);
    const covering = usable.filter((m) => m.width >= size.width && m.height >= size.height).sort((a, b) => pixels(a) - pixels(b));
    if (exact.length) pool = exact;
    else if (covering.length) pool = covering.filter((m) => pixels(m) === pixels(covering[0]!));
    else {
      const largest = Math.max(...usable.map(pixels));
      pool = usable.filter((m) => pixels(m) === largest);
    }
  } else {
    const capped = usable.filter((m) => m.width <= 1920 && m.height <= 1080);
    const candidates = (capped.length ? capped : usable).filter(smooth);
    const from = candidates.length ? candidates : capped.length ? capped : usable;
    const largest = Math.max(...from.map(pixels));
    pool = from.filter((m) => pixels(m) === largest);
  }
  const mode = [...pool].sort(byPreference)[0]!;
  let fps: number | undefined;
  if (mode.fps.length) {
    if (request.fps && mode.fps.includes(request.fps)) fps = request.fps;
    else {
      const upTo30 = mode.fps.filter((f) => f <= 30);
      fps = upTo30.length ? Math.max(...upTo30) : Math.max(...mode.fps);
    }
  } else {
    fps = request.fps;
  }
  return { mode, fps };
}
