import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryItemT, Output, RecorderStatusT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';

export type RecordCheck = Output<'recorder.check'>;
type Size = { width: number; height: number };

export type RecorderPhase = 'idle' | 'confirm' | 'starting' | 'recording' | 'finishing' | 'error';

export type RecordRequest = {
  lookId: string;
  size: Size | undefined;
  /** undefined = main picks the device's microphone; null = record without sound. */
  micId: string | null | undefined;
  strength: number;
  grain: number;
};

/** The check's key as the "record anyway" choice is remembered: device, capture size and look. */
function slowKey(deviceId: string, check: RecordCheck, lookId: string): string {
  return `${deviceId}|${check.size.width}x${check.size.height}|${lookId}`;
}

/**
 * The video side of the camera. Whether this computer keeps up is asked in the background as soon as video is
 * chosen (main measures once per device, size and look, and keeps the answer), so Space never waits: it
 * records, or, when the answer is already known to be "too slow", offers the smaller size at once. Main's
 * recorder.status events are the truth, so a recording that outlived this view is picked up again.
 */
export function useRecorder(options: { onRecorded(item: LibraryItemT): void; deviceId: string | null; lookId: string | null; size: Size | undefined; enabled: boolean }) {
  const [phase, setPhase] = useState<RecorderPhase>('idle');
  const [status, setStatus] = useState<RecorderStatusT | null>(null);
  // Errors are kept as they came (code, params, English words) and put into words where they are shown.
  const [error, setError] = useState<unknown>(null);
  const pendingRequest = useRef<RecordRequest | null>(null);
  const latest = useRef(options);
  const t = useT();
  // What a recording that stopped without a reason shows; read by the status listener, set up once.
  const stoppedText = useRef('');
  useEffect(() => {
    latest.current = options;
    stoppedText.current = t('camera.rec.stopped');
  });
  const slowOk = useUi((state) => state.slowOk);
  const acceptSlow = useUi((state) => state.acceptSlow);

  const checkQuery = useQuery({
    queryKey: ['record-check', options.deviceId, options.lookId, options.size?.width, options.size?.height],
    queryFn: () => api.recorder.check({ lookId: options.lookId!, ...(options.size ? { size: options.size } : {}) }),
    enabled: options.enabled && !!options.deviceId && !!options.lookId,
    staleTime: Infinity,
    retry: false,
  });
  const check = checkQuery.data ?? null;

  useEffect(
    () =>
      api.on('recorder.status', (next) => {
        setStatus(next);
        if (next.state === 'recording') setPhase((p) => (p === 'finishing' ? p : 'recording'));
        else if (next.state === 'finishing') setPhase('finishing');
        else if (next.state === 'error') {
          setPhase('error');
          setError(next.code || next.message ? { code: next.code, params: next.params, message: next.message } : { message: stoppedText.current });
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

  const tooSlow = !!check && !check.ok && !!options.deviceId && !!options.lookId && !slowOk[slowKey(options.deviceId, check, options.lookId)];

  /** Space: records now. Only an answer already known to be "too slow" asks first, and it asks at once. */
  const begin = useCallback(
    (request: RecordRequest) => {
      pendingRequest.current = request;
      setError(null);
      if (tooSlow) setPhase('confirm');
      else void start(request);
    },
    [start, tooSlow],
  );

  /** From the "too slow" dialog: record at the offered size, or at the asked one (remembered for next time). */
  const confirm = useCallback(
    (choice: 'suggested' | 'anyway') => {
      const request = pendingRequest.current;
      if (!request) return;
      if (choice === 'anyway' && check && latest.current.deviceId) acceptSlow(slowKey(latest.current.deviceId, check, request.lookId));
      void start({ ...request, size: choice === 'suggested' && check?.suggestion ? check.suggestion.size : request.size });
    },
    [start, check, acceptSlow],
  );

  const cancelCheck = useCallback(() => setPhase('idle'), []);

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

  return { phase, status, check, checking: checkQuery.isFetching, checkError: checkQuery.error, error, begin, confirm, cancelCheck, stop, dismissError: () => (setError(null), setPhase('idle')) };
}

export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** dBFS to a 0..1 meter position; -60 dBFS and below reads as silence. */
export function levelToMeter(level: number): number {
  return Math.min(1, Math.max(0, (level + 60) / 60));
}
