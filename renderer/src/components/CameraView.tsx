import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryItemT, ViewfinderStateT } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { isTyping } from '../App.tsx';
import { useUi } from '../store.ts';
import { startFramePump } from './frame-pump.ts';
import { LookStrip } from './LookStrip.tsx';
import { ViewfinderRenderer, type LookParams } from './viewfinder-gl.ts';

export function CameraView() {
  const { deviceId, lookId, strength, grain, grid, setDevice, setLook, toggleGrid } = useUi();
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => api.devices.list({}) });
  const looks = useQuery({ queryKey: ['looks'], queryFn: () => api.looks.list({}) });
  const [state, setState] = useState<ViewfinderStateT>({ state: 'stopped', deviceId: null });
  const [attempt, setAttempt] = useState(0);
  const [fps, setFps] = useState(0);
  const [flash, setFlash] = useState(false);
  const [lastShot, setLastShot] = useState<LibraryItemT | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<ViewfinderRenderer | null>(null);
  const [glProblem, setGlProblem] = useState<string | null>(null);

  const cameras = devices.data?.cameras ?? [];
  const activeDevice = deviceId && cameras.some((camera) => camera.id === deviceId) ? deviceId : (cameras[0]?.id ?? null);
  const activeLook = lookId && looks.data?.some((look) => look.id === lookId) ? lookId : (looks.data?.[0]?.id ?? null);

  // The camera runs only while this view is on screen and the page is visible.
  useEffect(() => {
    if (!activeDevice) return;
    let cancelled = false;
    const start = () => {
      api.viewfinder.start({ deviceId: activeDevice }).then(
        (started) => !cancelled && setState(started),
        (error: Error & { code?: string }) => !cancelled && setState({ state: 'error', deviceId: activeDevice, message: error.message, code: error.code }),
      );
    };
    const onVisibility = () => {
      if (document.hidden) void api.viewfinder.stop({});
      else start();
    };
    start();
    document.addEventListener('visibilitychange', onVisibility);
    const offState = api.on('viewfinder.state', (next) => !cancelled && setState(next));
    return () => {
      cancelled = true;
      offState();
      document.removeEventListener('visibilitychange', onVisibility);
      void api.viewfinder.stop({});
    };
  }, [activeDevice, attempt]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    try {
      rendererRef.current = new ViewfinderRenderer(canvas);
    } catch (error) {
      setGlProblem((error as Error).message);
      return;
    }
    return startFramePump(canvas, () => rendererRef.current, setFps);
  }, []);

  useEffect(() => {
    if (!activeLook) return;
    let cancelled = false;
    api.looks.preview({ id: activeLook }).then((preview) => {
      if (cancelled || !rendererRef.current) return;
      const bytes = preview.lut;
      const lut = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      rendererRef.current.setLook(preview.size, lut, preview.params as LookParams);
    });
    return () => {
      cancelled = true;
    };
  }, [activeLook]);

  useEffect(() => {
    if (!rendererRef.current) return;
    rendererRef.current.strength = strength;
    rendererRef.current.effects = grain;
  }, [strength, grain]);

  const shoot = useMutation({
    mutationFn: () => api.shutter.shoot({ lookId: activeLook!, strength, grain }),
    onMutate: () => {
      setFlash(true);
      setTimeout(() => setFlash(false), 160);
    },
    onSuccess: (item) => setLastShot(item),
  });
  const canShoot = state.state === 'live' && !!activeLook && !shoot.isPending;
  const fire = useCallback(() => {
    if (canShoot) shoot.mutate();
  }, [canShoot, shoot]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      if (event.code === 'Space') {
        event.preventDefault();
        if (!event.repeat) fire();
      } else if (event.key === 'g' || event.key === 'G') {
        toggleGrid();
      } else if ((event.key === ']' || event.key === '[') && looks.data?.length) {
        const index = looks.data.findIndex((look) => look.id === activeLook);
        const step = event.key === ']' ? 1 : -1;
        const next = looks.data[(index + step + looks.data.length) % looks.data.length];
        if (next) setLook(next.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fire, toggleGrid, looks.data, activeLook, setLook]);

  return (
    <div className="camera">
      <section className="viewfinder-wrap">
        <div className={flash ? 'viewfinder flash' : 'viewfinder'}>
          <canvas ref={canvasRef} className="viewfinder-canvas" data-testid="viewfinder" aria-label="Viewfinder" />
          {grid && <div className="grid-overlay" aria-hidden="true" />}
          {state.state !== 'live' && (
            <div className="viewfinder-status" role="status">
              {state.state === 'error' ? (
                <>
                  <p className="status-title">The camera stopped</p>
                  <p>{glProblem ?? state.message}</p>
                  <button onClick={() => setAttempt((n) => n + 1)}>Try again</button>
                </>
              ) : state.state === 'starting' ? (
                <p>Warming up the camera…</p>
              ) : !activeDevice ? (
                <p>{devices.isLoading ? 'Looking for cameras…' : 'No camera found.'}</p>
              ) : (
                <p>Camera off</p>
              )}
            </div>
          )}
          {glProblem && <div className="viewfinder-status">{glProblem}</div>}
          <div className="viewfinder-meta">
            {state.fullSize && (
              <span title="The photo is taken at this size">
                Photo {state.fullSize.width}×{state.fullSize.height}
              </span>
            )}
            <span data-testid="fps">{fps > 0 ? `${fps.toFixed(0)} fps` : ''}</span>
          </div>
        </div>
        <div className="controls">
          <label className="device-picker">
            <span className="sr-only">Camera</span>
            <select value={activeDevice ?? ''} onChange={(event) => setDevice(event.target.value)} data-testid="device-select">
              {cameras.map((camera) => (
                <option key={camera.id} value={camera.id}>
                  {camera.name}
                </option>
              ))}
            </select>
          </label>
          <button className="shutter" onClick={fire} disabled={!canShoot} aria-label="Shoot (Space)" title="Shoot (Space)" data-testid="shutter">
            <span />
          </button>
          <div className="last-shot">
            {lastShot ? (
              <button className="last-shot-button" onClick={() => useUi.getState().setView('album')} title="Open the album (A)">
                <img src={api.mediaUrl(lastShot.id, 'thumb')} alt="Last shot" data-testid="last-shot" />
              </button>
            ) : (
              <span className="hint">Space to shoot</span>
            )}
            {shoot.error && <span className="error-text">{(shoot.error as Error).message}</span>}
          </div>
        </div>
      </section>
      <LookStrip looks={looks.data ?? []} activeLook={activeLook} onPick={setLook} />
    </div>
  );
}
