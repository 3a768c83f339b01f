import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceSettingsT, FileHandleT, LibraryItemT, ViewfinderStateT } from '../../../main/shared/contract/index.ts';
import { uploadFile } from '../files.ts';
import { api } from '../api.ts';
import { useKeys } from '../keys.tsx';
import { Dialog } from './Dialog.tsx';
import { useErrorText, useT } from '../i18n.tsx';
import { BURST_INTERVAL_MS, BURST_SHOTS, FIRST_LOOK_ID, useUi } from '../store.ts';
import { DeviceSettingsPopover, micForRecording } from './DeviceSettingsPopover.tsx';
import { startFramePump, type FramePump } from './frame-pump.ts';
import { Kbd } from './Kbd.tsx';
import { LookStrip } from './LookStrip.tsx';
import { LibraryErrorButton } from './LibraryErrorButton.tsx';
import { formatElapsed, levelToMeter, useRecorder } from './recorder.ts';
import { useStillSequence } from './still-sequence.ts';
import { ViewfinderRenderer, type LookParams } from './viewfinder-gl.ts';
import { LookFrame, type PrintPreview, type StampPreview } from './LookFrame.tsx';
import { LocationBadge } from '../location/LocationBadge.tsx';
import { VIDEO_FILE_EXTENSIONS } from '../../../main/shared/capture/video-files.ts';
import { aspectCropSize } from '../../../main/shared/looks/math.ts';
import { deviceName, isBuiltInDevice } from './device-name.ts';
import { playShutterSound, prepareShutterSound } from './shutter-sound.ts';

type FramedLookParams = LookParams & { print?: PrintPreview | null; stamp?: StampPreview | null };

/** The picker's last entry: not a camera, the way to choose a video file as one. */
const CHOOSE_VIDEO_FILE = '__choose-video-file__';

/** Plugged-in cameras should appear without a restart; listing devices is cheap. */
const DEVICE_RESCAN_MS = 5000;
/** A slider being dragged asks for one shot to be got ready, once it rests this long. */
const READY_SETTLE_MS = 300;

/** The longest the viewfinder waits for a new shot's thumbnail to show before it goes on regardless. */
const THUMBNAIL_HOLD_MAX_MS = 600;
/** How long the shutter's blink covers the viewfinder. */
const SHUTTER_BLINK_MS = 90;

export function CameraView() {
  const t = useT();
  const errorText = useErrorText();
  const { deviceId, lookId, strength, grain, grid, mode, selfTimer, burst, screenFlash, setDevice, setLook, toggleGrid, setMode, cycleSelfTimer, toggleBurst, toggleScreenFlash } = useUi();
  const queryClient = useQueryClient();
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => api.devices.list({}), refetchInterval: DEVICE_RESCAN_MS, staleTime: 0 });
  const looks = useQuery({ queryKey: ['looks'], queryFn: () => api.looks.list({}) });
  const [state, setState] = useState<ViewfinderStateT>({ state: 'stopped', deviceId: null });
  const [attempt, setAttempt] = useState(0);
  const [fps, setFps] = useState(0);
  const [lastShot, setLastShot] = useState<LibraryItemT | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const setHelpOpen = useUi((ui) => ui.setHelpOpen);
  const [lookParams, setLookParams] = useState<FramedLookParams | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<ViewfinderRenderer | null>(null);
  const pumpRef = useRef<FramePump | null>(null);
  /** Lets the viewfinder go on once the last shot's thumbnail is on screen. */
  const releaseOnThumbnail = useRef<(() => void) | null>(null);
  const thumbnailShown = useCallback(() => {
    releaseOnThumbnail.current?.();
    releaseOnThumbnail.current = null;
  }, []);
  const shutterSound = useUi((s) => s.shutterSound);
  // The click's audio output is opened while the camera idles, not on the first press (see shutter-sound.ts).
  useEffect(() => {
    if (!shutterSound) return;
    const idle = requestIdleCallback(prepareShutterSound, { timeout: 2000 });
    return () => cancelIdleCallback(idle);
  }, [shutterSound]);
  const [glProblem, setGlProblem] = useState<{ code: string; detail: string } | null>(null);
  const [videoFileProblem, setVideoFileProblem] = useState<unknown>(null);
  const videoFileInput = useRef<HTMLInputElement>(null);

  const cameras = devices.data?.cameras ?? [];
  const microphones = devices.data?.microphones ?? [];
  const activeDevice = deviceId && cameras.some((camera) => camera.id === deviceId) ? deviceId : (cameras[0]?.id ?? null);
  const activeCamera = cameras.find((camera) => camera.id === activeDevice);
  const activeLook = [lookId, FIRST_LOOK_ID].find((id) => id && looks.data?.some((look) => look.id === id)) ?? looks.data?.[0]?.id ?? null;
  const activeLookName = looks.data?.find((look) => look.id === activeLook)?.name ?? t('camera.this-look');

  const deviceSettings = useQuery({
    queryKey: ['settings', activeDevice],
    queryFn: () => api.settings.device({ deviceId: activeDevice! }),
    enabled: !!activeDevice,
    staleTime: Infinity,
  });
  const settings = deviceSettings.data;
  const changeSettings = useMutation({
    mutationFn: (patch: Partial<DeviceSettingsT>) => api.settings.setDevice({ deviceId: activeDevice!, patch }),
    // The control answers at once; main's answer (the stored settings) replaces the guess.
    onMutate: (patch) => {
      const before = queryClient.getQueryData<DeviceSettingsT>(['settings', activeDevice]);
      if (before) queryClient.setQueryData(['settings', activeDevice], { ...before, ...patch });
      return { before };
    },
    onError: (_error, _patch, context) => {
      if (context?.before) queryClient.setQueryData(['settings', activeDevice], context.before);
    },
    onSuccess: (next, patch) => {
      queryClient.setQueryData(['settings', activeDevice], next);
      // The capture size and rate are fixed when ffmpeg opens the device.
      if ('size' in patch || 'fps' in patch) setAttempt((n) => n + 1);
    },
  });
  const updateSettings = changeSettings.mutate;

  // The camera runs only while this view is on screen and the page is visible.
  useEffect(() => {
    if (!activeDevice) return;
    let cancelled = false;
    const start = () => {
      api.viewfinder.start({ deviceId: activeDevice }).then(
        (started) => !cancelled && setState(started),
        (error: Error & { code?: string }) => {
          if (cancelled) return;
          // A recording that outlived this view still feeds the viewfinder.
          if (error.code === 'capture.recording') setState({ state: 'live', deviceId: activeDevice });
          else setState({ state: 'error', deviceId: activeDevice, message: error.message, code: error.code });
        },
      );
    };
    const onVisibility = () => {
      if (document.hidden) void api.viewfinder.stop({});
      else start();
    };
    start();
    document.addEventListener('visibilitychange', onVisibility);
    // The 'live' event does not repeat the full size; the start call's answer has it.
    const offState = api.on('viewfinder.state', (next) => {
      if (!cancelled) setState((previous) => ({ ...next, fullSize: next.fullSize ?? (next.state === 'live' && previous.deviceId === next.deviceId ? previous.fullSize : undefined) }));
    });
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
      // Halation and bloom a tenth of a second behind the scene are invisible in a viewfinder; their
      // passes are most of a software GPU's frame.
      rendererRef.current.lightEvery = 3;
      rendererRef.current.showCrop = true;
    } catch (error) {
      setGlProblem({ code: (error as { code?: string }).code ?? 'failed', detail: (error as Error).message });
      return;
    }
    const renderer = rendererRef.current;
    // Develop the preview at the size it is shown, not more: the screen cannot show the extra pixels.
    const sizeObserver = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const ratio = window.devicePixelRatio || 1;
      renderer.maxOutput = { width: Math.ceil(entry.contentRect.width * ratio), height: Math.ceil(entry.contentRect.height * ratio) };
    });
    sizeObserver.observe(canvas);
    const pump = startFramePump(canvas, () => rendererRef.current, setFps);
    pumpRef.current = pump;
    return () => {
      sizeObserver.disconnect();
      pump.stop();
      pumpRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (!activeLook) return;
    let cancelled = false;
    api.looks.preview({ id: activeLook }).then((preview) => {
      if (cancelled || !rendererRef.current) return;
      const bytes = preview.lut;
      const lut = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const renderer = rendererRef.current;
      // Without a GPU the plate's strips cost seconds of frames at a few fps; main draws it in a tenth of a second.
      renderer.plateSource = renderer.softwareGpu ? (width, height, seed) => api.looks.grainPlate({ id: activeLook, width, height, seed }).then(({ plate }) => (plate ? floats(plate) : null)) : null;
      renderer.setLook(preview.size, lut, preview.params as LookParams);
      setLookParams(preview.params as FramedLookParams);
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

  // The next shot is got ready (its grain drawn ahead in main) as soon as the camera is live with a look, and again
  // when the look or its strengths settle: otherwise the first press draws the grain itself, seconds on a busy
  // machine. Main does it again after every press.
  const fullSizeKey = state.fullSize ? `${state.fullSize.width}x${state.fullSize.height}` : null;
  useEffect(() => {
    if (state.state !== 'live' || mode !== 'photo' || !activeLook || !fullSizeKey) return;
    const timer = setTimeout(() => void api.shutter.ready({ lookId: activeLook, strength, grain }).catch(() => undefined), READY_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [state.state, mode, activeLook, strength, grain, fullSizeKey]);

  // A half-frame camera (Twin Half): the first half of the print, taken and waiting in main for the second press.
  const [firstHalf, setFirstHalf] = useState<{ lookId: string; url: string } | null>(null);
  const [halfSavedAlone, setHalfSavedAlone] = useState(false);
  useEffect(() => () => void (firstHalf && URL.revokeObjectURL(firstHalf.url)), [firstHalf]);
  useEffect(() => {
    if (!halfSavedAlone) return;
    const timer = setTimeout(() => setHalfSavedAlone(false), 6000);
    return () => clearTimeout(timer);
  }, [halfSavedAlone]);
  // A half never paired is filed on its own (main keeps it until then): when the camera, the device or the
  // mode changes and when the camera view goes. On mount too: a half left by a page that was reloaded.
  useEffect(() => {
    const finish = () =>
      api.shutter.finishHalf({}).then(({ item }) => {
        setFirstHalf(null);
        if (item) {
          setLastShot(item);
          setHalfSavedAlone(true);
        }
      });
    void finish();
    return () => void finish();
  }, [activeLook, activeDevice, mode]);

  const stills = useStillSequence({
    shoot: async () => {
      // The viewfinder holds still while the shot develops and until its thumbnail shows: on a machine that
      // draws it in software its next frames would take the cores the shot needs.
      const release = pumpRef.current?.hold() ?? (() => undefined);
      // Asked for before the click plays, so nothing the sound does can delay the picture.
      const request = api.shutter.shoot({ lookId: activeLook!, strength, grain });
      if (useUi.getState().shutterSound) playShutterSound();
      const shot = await request.catch((error: unknown) => {
        release();
        throw error;
      });
      if ('half' in shot) {
        release();
        setFirstHalf({ lookId: shot.lookId, url: URL.createObjectURL(new Blob([shot.preview as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })) });
        return null;
      }
      releaseOnThumbnail.current?.();
      releaseOnThumbnail.current = release;
      setTimeout(release, THUMBNAIL_HOLD_MAX_MS);
      setFirstHalf(null);
      return shot;
    },
    onShot: setLastShot,
  });
  const recorder = useRecorder({ onRecorded: setLastShot, deviceId: activeDevice, lookId: activeLook, size: settings?.size ?? undefined, enabled: mode === 'video' && state.state === 'live' });
  const recording = recorder.phase === 'recording' || recorder.phase === 'starting' || recorder.phase === 'finishing';
  const videoBusy = recording || recorder.phase === 'confirm';
  // While recording, the recorder owns the camera and feeds the viewfinder; the viewfinder process is stopped.
  const live = state.state === 'live' || recording;

  const canShoot = live && !!activeLook && !stills.busy;
  const fire = useCallback(() => {
    if (canShoot) void stills.run({ selfTimer, burst, screenFlash });
  }, [canShoot, stills, selfTimer, burst, screenFlash]);

  const canRecord = live && !!activeLook && !!activeDevice && !stills.shooting;
  const toggleRecording = useCallback(() => {
    if (recorder.phase === 'recording') void recorder.stop();
    else if ((recorder.phase === 'idle' || recorder.phase === 'error') && canRecord) {
      recorder.begin({ lookId: activeLook!, size: settings?.size ?? undefined, micId: micForRecording(settings), strength, grain });
    }
  }, [recorder, canRecord, activeLook, settings, strength, grain]);

  const switchMode = useCallback(() => {
    if (videoBusy || stills.shooting) return;
    setMode(mode === 'photo' ? 'video' : 'photo');
  }, [videoBusy, stills.shooting, mode, setMode]);

  const toggleMirror = useCallback(() => {
    if (settings && activeDevice) updateSettings({ mirror: !settings.mirror });
  }, [settings, activeDevice, updateSettings]);

  const stepLook = (step: number) => {
    if (!looks.data?.length || recording) return;
    const index = looks.data.findIndex((look) => look.id === activeLook);
    const next = looks.data[(index + step + looks.data.length) % looks.data.length];
    if (next) setLook(next.id);
  };
  // The camera's keys, only while the camera is on screen (the album, settings and dialogs have their own).
  useKeys('camera', {
    Space: () => {
      if (mode === 'video') toggleRecording();
      else fire();
    },
    Escape: () => {
      if (settingsOpen) setSettingsOpen(false);
      else if (recorder.phase === 'confirm') recorder.cancelCheck();
      else if (stills.busy) stills.cancel();
      else return false;
    },
    r: () => {
      if (mode !== 'video') return false;
      toggleRecording();
    },
    v: switchMode,
    t: () => void (!stills.shooting && cycleSelfTimer()),
    b: () => void (!stills.shooting && toggleBurst()),
    f: toggleScreenFlash,
    g: toggleGrid,
    m: () => void (!recording && toggleMirror()),
    ']': { run: () => stepLook(1), repeat: true },
    '[': { run: () => stepLook(-1), repeat: true },
  });

  // The camera's frame size, kept while the recorder has the device (the viewfinder process is off then).
  const [knownSize, setKnownSize] = useState<{ deviceId: string; size: { width: number; height: number } } | null>(null);
  useEffect(() => {
    if (state.fullSize && state.deviceId && (knownSize?.deviceId !== state.deviceId || knownSize.size.width !== state.fullSize.width || knownSize.size.height !== state.fullSize.height)) {
      setKnownSize({ deviceId: state.deviceId, size: state.fullSize });
    }
  }, [state.fullSize, state.deviceId, knownSize]);
  const photoSize = state.fullSize ?? (knownSize && knownSize.deviceId === activeDevice ? knownSize.size : undefined);
  // What the photo keeps of the camera's frame: the look's crop (a frame is added around it).
  const photoKept = photoSize ? aspectCropSize(photoSize.width, photoSize.height, lookParams?.aspect ?? null) : null;
  // What the file will be: the look's crop and frame, as main measured it (the recording's own size while it runs).
  const videoSize = (recording ? recorder.status?.size : undefined) ?? recorder.check?.recorded ?? settings?.size ?? state.fullSize;
  // While recording the viewfinder shows the recorded picture, which a look may crop to its own aspect.
  // The layout follows the camera's frame, recording or not: recorded frames take the place of what they
  // replace (see LookFrame `developed`), so the framing holds still when recording starts.
  const frameSize = photoSize;
  const mirrored = settings?.mirror ?? false;
  const micName = (() => {
    const chosen = micForRecording(settings);
    if (chosen === null) return t('camera.mic.none');
    // Main's default when nothing is chosen: the demo tone for the demo camera, a file's own sound, else silence.
    if (chosen === undefined) return activeDevice === 'demo' || activeDevice === 'demo:testcard' ? t('camera.mic.demo') : activeDevice?.startsWith('file:') ? t('camera.mic.file') : t('camera.mic.none');
    if (chosen === 'demo') return t('camera.mic.demo.long');
    return microphones.find((mic) => mic.id === chosen)?.name ?? chosen;
  })();
  const level = recorder.status?.level;
  const glProblemText = glProblem ? (glProblem.code === 'no-webgl2' ? t('camera.gl.no-webgl2') : t('camera.gl.failed', { detail: glProblem.detail })) : null;

  const chosenCamera = cameras.find((camera) => camera.id === activeDevice);
  // A video file as the camera: the host's picker where there is one, else the page's own file input (uploaded).
  const playVideoFile = async (handle: FileHandleT) => {
    setVideoFileProblem(null);
    try {
      const camera = await api.devices.useFile({ file: handle.id });
      await queryClient.invalidateQueries({ queryKey: ['devices'] });
      setDevice(camera.id);
    } catch (error) {
      setVideoFileProblem(error);
    }
  };
  const chooseVideoFile = async () => {
    // The same cached answer the develop and import dialogs use: whether this host has a picker does not change.
    const picker = await queryClient.fetchQuery({ queryKey: ['files.picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });
    if (!picker.available) return videoFileInput.current?.click();
    const { handles } = await api.files.pick({ purpose: 'camera', multiple: false, filters: [{ name: t('camera.video-file.filter'), extensions: [...VIDEO_FILE_EXTENSIONS] }] });
    if (handles[0]) await playVideoFile(handles[0]);
  };
  // The bar keeps the picker narrow, so a long name is cut: the tooltip gives it whole.
  const devicePicker = (testId: string) => (
    <select
      value={activeDevice ?? ''}
      onChange={(event) => (event.target.value === CHOOSE_VIDEO_FILE ? void chooseVideoFile() : setDevice(event.target.value))}
      data-testid={testId}
      disabled={recording}
      aria-label={t('camera.device')}
      title={chosenCamera ? deviceName(t, chosenCamera) : undefined}
    >
      {cameras.map((camera) => (
        <option key={camera.id} value={camera.id} data-user-data={isBuiltInDevice(camera.id) ? undefined : ''}>
          {deviceName(t, camera)}
        </option>
      ))}
      <option value={CHOOSE_VIDEO_FILE}>{t('camera.video-file.choose')}</option>
    </select>
  );

  return (
    <div className="camera">
      <section className="viewfinder-wrap">
        <div className="viewfinder">
          <LookFrame
            frame={frameSize ?? null}
            developed={recording && recorder.phase !== 'starting'}
            aspect={lookParams?.aspect ?? null}
            print={lookParams?.print ?? null}
            stamp={lookParams?.stamp ?? null}
            stampOnLeft={mirrored && !(settings?.saveMirrored ?? false)}
            halves={
              mode === 'photo' && lookParams?.print?.pair
                ? {
                    next: firstHalf && firstHalf.lookId === activeLook ? 1 : 0,
                    first: firstHalf && firstHalf.lookId === activeLook ? firstHalf.url : null,
                    label: t(firstHalf && firstHalf.lookId === activeLook ? 'camera.half.second' : 'camera.half.first'),
                    otherLabel: t(firstHalf && firstHalf.lookId === activeLook ? 'camera.half.taken' : 'camera.half.next'),
                    hint: t('camera.half.hint'),
                  }
                : null
            }
            picture={
              <canvas
                ref={canvasRef}
                className="viewfinder-canvas"
                data-testid="viewfinder"
                data-mirrored={mirrored ? 'true' : 'false'}
                aria-label={t('camera.viewfinder')}
                style={mirrored ? { transform: 'scaleX(-1)' } : undefined}
              />
            }
          >
            {grid && <div className="grid-overlay" aria-hidden="true" />}
            {stills.progress && stills.progress.taken > 0 && <ShutterBlink key={stills.progress.taken} />}
          </LookFrame>

          <div className="viewfinder-chips" aria-label={t('camera.chips')}>
            {mode === 'photo' && selfTimer > 0 && <span className="chip">{t('camera.chip.timer', { seconds: selfTimer })}</span>}
            {mode === 'photo' && burst && <span className="chip">{t('camera.chip.burst', { count: BURST_SHOTS })}</span>}
            {mode === 'photo' && screenFlash && <span className="chip">{t('camera.chip.flash')}</span>}
            {mirrored && <span className="chip">{t('camera.chip.mirrored')}</span>}
            {halfSavedAlone && (
              <span className="chip" role="status" data-testid="half-saved-alone">
                {t('camera.half.saved-alone')}
              </span>
            )}
            <LocationBadge />
            {mode === 'video' && recorder.checking && !recording && (
              <span className="chip" role="status" title={t('camera.check.running.title')} data-testid="record-checking">
                {t('camera.check.running')}
              </span>
            )}
          </div>

          {mode === 'video' && (recording || recorder.phase === 'error') && (
            <div className="rec-hud" role="status" data-testid="rec-hud">
              {recorder.phase === 'finishing' ? (
                <span className="rec-saving">{t('camera.rec.saving')}</span>
              ) : recorder.phase === 'starting' ? (
                <span className="rec-saving">{t('camera.rec.starting')}</span>
              ) : recorder.phase === 'recording' ? (
                <>
                  <span className="rec-dot" aria-hidden="true" />
                  <span className="rec-time" data-testid="rec-time">
                    {formatElapsed(recorder.status?.seconds ?? 0)}
                  </span>
                  {level === null || level === undefined ? (
                    <span className="rec-nomic">{level === null ? t('camera.rec.no-sound') : ''}</span>
                  ) : (
                    <span className="level-meter" title={t('camera.rec.level', { level: Math.round(level) })} data-testid="rec-level">
                      <span style={{ width: `${levelToMeter(level) * 100}%` }} />
                    </span>
                  )}
                </>
              ) : (
                <span className="error-text" data-testid="rec-error">
                  {recorder.error ? errorText(recorder.error) : null}
                </span>
              )}
            </div>
          )}

          {stills.countdown !== null && (
            <div className="countdown" role="timer" aria-live="assertive" data-testid="countdown">
              <span className="countdown-number">{stills.countdown}</span>
              <button className="countdown-cancel" onClick={stills.cancel}>
                {t('common.cancel')} <Kbd k="key.esc" />
              </button>
            </div>
          )}

          {stills.progress && stills.progress.total > 1 && (
            <div className="job" role="status" data-testid="burst-progress">
              <span>{t(stills.progress.taken === stills.progress.total ? 'camera.burst.developing' : 'camera.burst.progress', stills.progress)}</span>
              <progress max={stills.progress.total * 2} value={stills.progress.taken + stills.progress.developed} />
              {stills.progress.taken < stills.progress.total && <button onClick={stills.cancel}>{t('camera.burst.stop')}</button>}
            </div>
          )}

          {recorder.phase === 'confirm' && recorder.check && (
            <Dialog label={t('camera.check.label')} testId="record-check-dialog" onEscape={recorder.cancelCheck}>
              <p className="status-title">{t('camera.check.too-slow', { size: sizeText(recorder.check.recorded), look: activeLookName })}</p>
              <p className="muted">
                <span>{t('camera.check.speed', { speed: recorder.check.speed })}</span> <span>{recorder.check.suggestion ? t('camera.check.suggestion', { size: sizeText(recorder.check.suggestion.recorded) }) : t('camera.check.no-smaller')}</span>
              </p>
              <div className="dialog-actions">
                <button onClick={recorder.cancelCheck} data-testid="record-cancel">
                  {t('common.cancel')}
                </button>
                <button onClick={() => recorder.confirm('anyway')} data-testid="record-anyway" data-autofocus={recorder.check.suggestion ? undefined : true}>
                  {t('camera.check.record-anyway-size', { size: sizeText(recorder.check.recorded) })}
                </button>
                {recorder.check.suggestion && (
                  <button className="primary" data-autofocus onClick={() => recorder.confirm('suggested')} data-testid="record-suggested">
                    {t('camera.check.record-at', { size: sizeText(recorder.check.suggestion.recorded) })}
                  </button>
                )}
              </div>
            </Dialog>
          )}

          {!live && (
            <div className="viewfinder-status" role="status" data-testid="viewfinder-status">
              {state.state === 'error' ? (
                <>
                  <p className="status-title">{t('camera.status.stopped')}</p>
                  <p>{glProblemText ?? errorText(state)}</p>
                  <div className="status-actions">
                    <button className="primary" onClick={() => setAttempt((n) => n + 1)} data-testid="try-again">
                      {t('common.retry')}
                    </button>
                    <span className="muted">{t('camera.status.or-use')}</span>
                    {devicePicker('error-device-select')}
                  </div>
                </>
              ) : state.state === 'starting' ? (
                <p>{t('camera.status.starting')}</p>
              ) : !activeDevice ? (
                <p>{devices.isLoading ? t('camera.status.looking') : t('camera.status.none')}</p>
              ) : (
                <p>{t('camera.status.off')}</p>
              )}
            </div>
          )}
          {glProblemText && <div className="viewfinder-status">{glProblemText}</div>}
          <div className="viewfinder-meta">
            {mode === 'photo'
              ? photoSize && (
                  <span title={t('camera.photo-size.title')} data-testid="photo-size">
                    {t(lookParams?.print?.pair ? 'camera.photo-size.halves' : lookParams?.print ? 'camera.photo-size.framed' : 'camera.photo-size', { size: sizeText(photoKept!) })}
                  </span>
                )
              : videoSize && (
                  <span title={t(recording ? 'camera.video-size.title.recording' : 'camera.video-size.title')} data-testid="video-size">
                    {t('camera.video-size', { size: sizeText(videoSize) })}
                  </span>
                )}
            <span data-testid="fps">{fps > 0 ? t('camera.fps', { fps: Math.round(fps) }) : ''}</span>
          </div>
        </div>

        <div className="controls">
          <div className="device-picker">
            {devicePicker('device-select')}
            <button
              className="icon-button"
              data-settings-toggle
              onClick={() => setSettingsOpen((open) => !open)}
              aria-expanded={settingsOpen}
              aria-label={t('camera.settings')}
              title={t('camera.settings')}
              disabled={!activeCamera || !settings}
              data-testid="device-settings-button"
            >
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                <path d="M2 4h7M13 4h1M2 12h1M7 12h7" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
                <circle cx="11" cy="4" r="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
                <circle cx="5" cy="12" r="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
              </svg>
            </button>
            {settingsOpen && activeCamera && settings && (
              <DeviceSettingsPopover device={activeCamera} microphones={microphones} settings={settings} disabled={recording} onChange={updateSettings} onClose={() => setSettingsOpen(false)} />
            )}
          </div>

          <div className="capture">
            <div className="mode-switch" role="radiogroup" aria-label={t('camera.mode')}>
              <button role="radio" aria-checked={mode === 'photo'} className={mode === 'photo' ? 'mode active' : 'mode'} onClick={() => mode !== 'photo' && switchMode()} disabled={videoBusy || stills.shooting} data-testid="mode-photo">
                {t('camera.mode.photo')}
              </button>
              <button role="radio" aria-checked={mode === 'video'} className={mode === 'video' ? 'mode active' : 'mode'} onClick={() => mode !== 'video' && switchMode()} disabled={videoBusy || stills.shooting} data-testid="mode-video">
                {t('camera.mode.video')}
              </button>
            </div>

            {mode === 'photo' ? (
              <button className="shutter" onClick={fire} disabled={!canShoot} aria-label={t('camera.shoot')} title={t('camera.shoot')} data-testid="shutter">
                <span />
              </button>
            ) : (
              <button
                className={recorder.phase === 'recording' ? 'shutter record recording' : 'shutter record'}
                onClick={toggleRecording}
                disabled={recorder.phase === 'recording' ? false : !canRecord || videoBusy}
                aria-label={t(recorder.phase === 'recording' ? 'camera.record.stop' : 'camera.record')}
                title={t(recorder.phase === 'recording' ? 'camera.record.stop' : 'camera.record')}
                data-testid="record"
              >
                <span />
              </button>
            )}

            {mode === 'photo' ? (
              <div className="drive">
                <button className={selfTimer > 0 ? 'toggle on' : 'toggle'} onClick={cycleSelfTimer} disabled={stills.shooting} aria-label={t('camera.timer.label', { seconds: selfTimer })} title={t('camera.timer.title')} data-testid="timer">
                  {t('camera.timer')} <b>{t('camera.timer.value', { seconds: selfTimer })}</b>
                </button>
                <button className={burst ? 'toggle on' : 'toggle'} onClick={toggleBurst} disabled={stills.shooting} aria-pressed={burst} title={t('camera.burst.title', { count: BURST_SHOTS, seconds: BURST_INTERVAL_MS / 1000 })} data-testid="burst">
                  {t('camera.burst')}
                </button>
                <button className={screenFlash ? 'toggle on' : 'toggle'} onClick={toggleScreenFlash} aria-pressed={screenFlash} title={t('camera.flash.title')} data-testid="flash">
                  {t('camera.flash')}
                </button>
              </div>
            ) : (
              <div className="drive">
                <span className="mic" title={t('camera.mic.title')}>
                  {micName}
                </span>
              </div>
            )}
          </div>

          <div className="last-shot">
            <input
              ref={videoFileInput}
              type="file"
              accept={VIDEO_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(',')}
              hidden
              data-testid="video-file-input"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void uploadFile(file).then(playVideoFile, setVideoFileProblem);
              }}
            />
            {videoFileProblem ? (
              <span className="error-text" role="alert" data-testid="video-file-problem">
                {errorText(videoFileProblem)}
              </span>
            ) : null}
            {(stills.error || recorder.error) && recorder.phase !== 'recording' ? (
              <>
                <span className="error-text">{errorText(stills.error || recorder.error)}</span>
                <LibraryErrorButton error={stills.error || recorder.error} />
              </>
            ) : null}
            {lastShot ? (
              <button className="last-shot-button" onClick={() => useUi.getState().setView('album')} title={t('camera.last.open')}>
                <img src={api.mediaUrl(lastShot.id, 'thumb')} onLoad={thumbnailShown} onError={thumbnailShown} alt={t(lastShot.kind === 'video' ? 'camera.last.video' : 'camera.last.photo')} data-testid="last-shot" data-kind={lastShot.kind} />
              </button>
            ) : (
              <span className="hint">{t(mode === 'photo' ? 'camera.hint.shoot' : 'camera.hint.record')}</span>
            )}
            {/* The viewfinder aids as buttons too (G and M): a mouse user finds them without the key help. */}
            <button className={grid ? 'icon-button toggle on' : 'icon-button toggle'} onClick={toggleGrid} aria-pressed={grid} aria-label={t('camera.grid')} title={t('camera.grid')} data-testid="grid-button">
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                <rect x="1.75" y="1.75" width="12.5" height="12.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                <path d="M6 2v12M10 2v12M2 6h12M2 10h12" stroke="currentColor" strokeWidth="1" />
              </svg>
            </button>
            <button className={mirrored ? 'icon-button toggle on' : 'icon-button toggle'} onClick={toggleMirror} disabled={recording || !settings} aria-pressed={mirrored} aria-label={t('camera.mirror')} title={t('camera.mirror')} data-testid="mirror-button">
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                <path d="M8 1.5v13" stroke="currentColor" strokeWidth="1" strokeDasharray="1.5 1.5" />
                <path d="M6 4 1.5 12H6z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
                <path d="M10 4l4.5 8H10z" fill="currentColor" />
              </svg>
            </button>
            <button className="icon-button help-button" onClick={() => setHelpOpen(!useUi.getState().helpOpen)} aria-label={t('camera.help')} title={t('camera.help')} data-testid="help-button">
              {t('key.question')}
            </button>
          </div>
        </div>
      </section>
      <LookStrip looks={looks.data ?? []} activeLook={activeLook} onPick={setLook} />
      {stills.white && <div className="screen-flash" aria-hidden="true" data-testid="screen-flash" />}
      {/* Over the whole window, not the viewfinder: every key's line fits even at the smallest window. */}
    </div>
  );
}

function sizeText(size: { width: number; height: number }): string {
  return `${size.width}×${size.height}`;
}

/**
 * The shutter's blink: on, then off, with nothing in between. A fade redrew the whole viewfinder every frame
 * for its 160 ms, and a machine that composites in software (no GPU) spent a third of a core on it while the
 * shot developed (scratch measurement: 0.26 s of the GPU process's CPU per press, 0.1 s of the press's 0.34 s).
 */
function ShutterBlink() {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setShown(false), SHUTTER_BLINK_MS);
    return () => clearTimeout(timer);
  }, []);
  return shown ? <div className="shutter-blink" aria-hidden="true" /> : null;
}

/** Float32 values from bytes off the transport (copied when they do not start on a 4-byte boundary). */
function floats(bytes: Uint8Array): Float32Array {
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(bytes.slice().buffer);
}
