import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { BURST_INTERVAL_MS, BURST_SHOTS, type SelfTimer } from '../store.ts';

/** How long the screen is white before the frame is asked for: the webcam needs a frame time or two to see it. */
const FLASH_LEAD_MS = 110;
const FLASH_TAIL_MS = 50;

export type StillSequenceState = {
  /** Seconds left on the self-timer, or null when not counting down. */
  countdown: number | null;
  /** Shots asked for in this sequence and how many of them are developed. */
  progress: { taken: number; developed: number; total: number } | null;
  /** The screen is white (screen flash for low light). */
  white: boolean;
  /** The first shot that failed, as it was thrown (put into words where it is shown). */
  error: unknown;
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const idle: StillSequenceState = { countdown: null, progress: null, white: false, error: null };

/**
 * Self-timer, burst and screen flash around one `shoot` call. The timing of the
 * shots is the camera's (one per interval), not the developer's: a burst shot is
 * asked for on schedule even while earlier ones are still developing in main.
 */
/** `shoot` gives null when a press filed nothing yet (a half-frame camera's first half). */
export function useStillSequence(options: { shoot(): Promise<LibraryItemT | null>; onShot(item: LibraryItemT): void }) {
  const [state, setState] = useState<StillSequenceState>(idle);
  const running = useRef<AbortController | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const cancel = useCallback(() => {
    running.current?.abort(new DOMException('Cancelled', 'AbortError'));
  }, []);

  useEffect(() => cancel, [cancel]);

  const run = useCallback(async (settings: { selfTimer: SelfTimer; burst: boolean; screenFlash: boolean }) => {
    if (running.current) return;
    const controller = new AbortController();
    running.current = controller;
    const { signal } = controller;
    const total = settings.burst ? BURST_SHOTS : 1;
    const pending: Promise<void>[] = [];
    let developed = 0;
    const errors: unknown[] = [];
    setState({ ...idle });
    try {
      for (let left = settings.selfTimer; left > 0; left -= 1) {
        setState((s) => ({ ...s, countdown: left }));
        await sleep(1000, signal);
      }
      setState((s) => ({ ...s, countdown: null, progress: { taken: 0, developed: 0, total } }));
      for (let shot = 0; shot < total; shot += 1) {
        const startedAt = performance.now();
        if (settings.screenFlash) {
          setState((s) => ({ ...s, white: true }));
          await sleep(FLASH_LEAD_MS, signal).catch(() => undefined);
        }
        pending.push(
          latest.current.shoot().then(
            (item) => {
              developed += 1;
              setState((s) => (s.progress ? { ...s, progress: { ...s.progress, developed } } : s));
              if (item) latest.current.onShot(item);
            },
            (error: unknown) => {
              errors.push(error);
            },
          ),
        );
        setState((s) => ({ ...s, progress: { taken: shot + 1, developed, total } }));
        if (settings.screenFlash) {
          await new Promise((resolve) => setTimeout(resolve, FLASH_TAIL_MS));
          setState((s) => ({ ...s, white: false }));
        }
        if (shot < total - 1) await sleep(BURST_INTERVAL_MS - (performance.now() - startedAt), signal);
      }
    } catch {
      // Cancelled: shots already taken still develop and land in the album.
    } finally {
      running.current = null;
      setState((s) => ({ ...s, countdown: null, white: false }));
    }
    await Promise.all(pending);
    setState((s) => ({ ...s, progress: null, error: errors[0] ?? null }));
  }, []);

  const shooting = state.countdown !== null || (state.progress !== null && state.progress.taken < state.progress.total);
  /** busy: counting down, shooting or developing; shooting: the camera is still needed (a mode switch would cut it). */
  return { ...state, busy: state.countdown !== null || state.progress !== null, shooting, run, cancel };
}
