import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryItemT, Output, RecorderStatusT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';

export type RecordCheck = Output<'recorder.check'>;
type Size = { width: number; height: number };

export type RecorderPhase = 'idle' | 'checking' | 'confirm' | 'starting' | 'recording' | 'finishing' | 'error';

export type RecordRequest = {
  lookId: string;
  size: Size | undefined;
  /** undefined = main picks the device's microphone; null = record without sound. */
  micId: string | null | undefined;
  strength: number;
  grain: number;
};

/**
 * The video side of the camera: measure first (recorder.check), then record,
 * and follow main's recorder.status. The status events are the truth, so a
 * recording that outlived this view (album opened mid-take) is picked up again.
 */
export function useRecorder(options: { onRecorded(item: LibraryItemT): void }) {
  const [phase, setPhase] = useState<RecorderPhase>('idle');
  const [status, setStatus] = useState<RecorderStatusT | null>(null);
  const [check, setCheck] = useState<RecordCheck | null>(null);
  // Errors are kept as they came (code, params, English words) and put into words where they are shown.
  const [error, setError] = useState<unknown>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const pendingRequest = useRef<RecordRequest | null>(null);
  // A check the user walked away from must not start a recording when it returns.
  const checkToken = useRef(0);
  const latest = useRef(options);
  const t = useT();
  // What a recording that stopped without a reason shows; read by the status listener, set up once.
  const stoppedText = useRef('');
  useEffect(() => {
    latest.current = options;
    stoppedText.current = t('camera.rec.stopped');
  });

  useEffect(
    () =>
      api.on('recorder.status', (next) => {
        setStatus(next);
        if (next.state === 'recording') setPhase((p) => (p === 'finishing' ? p : 'recording'));
        else if (next.state === 'finishing') setPhase('finishing');
        else if (next.state === 'error') {
          setPhase('error');
          setError(next.code || next.message ? { code: next.code, message: next.message } : { message: stoppedText.current });
        } else if (next.state === 'idle') setPhase((p) => (p === 'recording' ? 'idle' : p));
      }),
    [],
  );

  const start = useCallback(async (request: RecordRequest) => {
    setPhase('starting');
    setError(null);
    try {
      const started = await api.recorder.start({
        lookId: request.lookId,
        strength: request.strength,
        grain: request.grain,
        ...(request.size ? { size: request.size } : {}),
        ...(request.micId !== undefined ? { micId: request.micId } : {}),
      });
      setStatus(started);
      setPhase((p) => (p === 'starting' ? 'recording' : p));
    } catch (caught) {
      setPhase('error');
      setError(caught);
    }
  }, []);

  const begin = useCallback(
    async (request: RecordRequest) => {
      const token = ++checkToken.current;
      pendingRequest.current = request;
      setPhase('checking');
      setError(null);
      setCheck(null);
      setCheckError(null);
      try {
        const result = await api.recorder.check({ lookId: request.lookId, ...(request.size ? { size: request.size } : {}) });
        if (token !== checkToken.current) return;
        setCheck(result);
        if (result.ok) await start(request);
        else setPhase('confirm');
      } catch (caught) {
        if (token !== checkToken.current) return;
        // Not knowing the speed is no reason to refuse: the dialog says so and lets the user decide.
        setCheckError(caught);
        setPhase('confirm');
      }
    },
    [start],
  );

  /** From the "too slow" dialog: record at the suggested size (or the asked one, at the user's risk). */
  const confirm = useCallback(
    (size: Size | undefined) => {
      const request = pendingRequest.current;
      if (!request) return;
      void start({ ...request, size: size ?? request.size });
    },
    [start],
  );

  const cancelCheck = useCallback(() => {
    checkToken.current += 1;
    setPhase('idle');
    setCheck(null);
  }, []);

  const stop = useCallback(async () => {
    setPhase('finishing');
    try {
      const item = await api.recorder.stop({});
      setPhase('idle');
      setStatus(null);
      latest.current.onRecorded(item);
    } catch (caught) {
      setPhase('error');
      setError(caught);
    }
  }, []);

  return { phase, status, check, checkError, error, begin, confirm, cancelCheck, stop, dismissError: () => (setError(null), setPhase('idle')) };
}

export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** dBFS to a 0..1 meter position; -60 dBFS and below reads as silence. */
export function levelToMeter(level: number): number {
  return Math.min(1, Math.max(0, (level + 60) / 60));
}
