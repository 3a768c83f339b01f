// Whether this computer records a camera at a size with a look in real time. Measuring takes seconds of
// both cores, so it is done once per device, capture size and look, in the background (the page asks as
// soon as video is chosen), kept in the settings file, and never between a press of Space and the recording.
import * as capture from '../capture/index.ts';
import * as looks from '../looks/index.ts';
import type { Settings } from '../settings/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';

type Size = { width: number; height: number };

/** A real-time check's answer: sizes under `recorded` are what the file will be (the look's crop and frame). */
export type RecordCheckAnswer = { ok: boolean; speed: number; size: Size; recorded: Size; suggestion: { size: Size; recorded: Size } | null; measuredAt: string };

/** Encoding must run this much faster than real time: the camera's own decoding and the preview share the CPU. */
const MARGIN = 1.25;

/** `background: false` measures at normal priority (tests whose point is not the priority: at the lowest, a
 * machine busy with other work gives the measurement no frames at all, and the answer is "too busy"). */
export function createRecordCheck(deps: { settings: Settings; background?: boolean }) {
  // One measurement at a time: two at once would each measure half a computer.
  let queue: Promise<unknown> = Promise.resolve();
  const running = new Map<string, Promise<{ speed: number; measuredAt: string }>>();

  function measure(key: string, lookId: string, size: Size) {
    let job = running.get(key);
    if (!job) {
      job = queue.then(async () => {
        const filter = await looks.buildVideoFilter(lookId, { ...size, fps: 30 });
        // Low priority: the viewfinder runs meanwhile and must keep its frames. A busy computer then measures
        // slower, which is the honest answer for it.
        const speed = await capture.measureEncodeSpeed({ size, videoFilter: filter, background: deps.background ?? true });
        // Nothing encoded within the budget: no answer, not "0x real time". Kept answers are never asked again.
        if (speed === 0) throw new DarkslideError('capture.check-busy');
        const kept = { speed, measuredAt: new Date().toISOString() };
        await deps.settings.setRecordCheck(key, kept);
        return kept;
      });
      job = job.finally(() => running.delete(key));
      queue = job.catch(() => undefined);
      running.set(key, job);
    }
    return job;
  }

  return {
    async check(deviceId: string, lookId: string, size: Size): Promise<RecordCheckAnswer> {
      looks.getLook(lookId);
      const key = `${deviceId}|${size.width}x${size.height}|${lookId}`;
      const { speed, measuredAt } = deps.settings.recordCheck(key) ?? (await measure(key, lookId, size));
      const ok = speed >= MARGIN;
      const smaller = ok ? null : capture.suggestSize(size, speed, MARGIN);
      const suggestion = smaller && smaller.width < size.width ? { size: smaller, recorded: looks.videoOutputSize(lookId, smaller) } : null;
      return { ok, speed, size, recorded: looks.videoOutputSize(lookId, size), suggestion, measuredAt };
    },
  };
}

export type RecordCheck = ReturnType<typeof createRecordCheck>;
