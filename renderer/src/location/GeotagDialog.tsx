// Geotagging album items from a track: choose the track (the host's picker, or a file the page uploads), see
// where every photo lands on the map while moving the camera-clock offset, then write the positions as a job
// with progress and cancel, and undo it if it was wrong.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EventPayload, GeotagItemResultT, LibraryItemT, TrackSummaryT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { releaseFiles, uploadFile } from '../files.ts';
import { useErrorText, useT, type Translate } from '../i18n.tsx';
import { formatOffset } from './format.ts';
import { WorldMap } from './WorldMap.tsx';
import './location.css';

type JobProgressT = EventPayload<'job.progress'>;

const TRACK_EXTENSIONS = ['gpx', 'kml', 'json'];
const OFFSET_RANGE = 3 * 3600;

type Done = { runId: string; written: number; cancelled: boolean; failed: { label: string; error: { code: string; message: string } }[] };

/** The map fills the dialog's width, and at most a third of the window's height, so the controls stay in view. */
function mapSize(): { width: number; height: number } {
  const width = Math.max(220, Math.min(520, window.innerWidth - 88));
  return { width, height: Math.round(Math.max(120, Math.min(width * 0.5, window.innerHeight * 0.3))) };
}

function useMapSize(): { width: number; height: number } {
  const [size, setSize] = useState(mapSize);
  useEffect(() => {
    const onResize = () => setSize(mapSize());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

function statusText(t: Translate, result: GeotagItemResultT): string {
  const ref = (value: number) => t(result.refKind === 'entry' ? 'geotag.status.ref.entry' : 'geotag.status.ref.line', { ref: value });
  switch (result.status) {
    case 'tagged': {
      const refs = (result.fixes ?? []).map((fix) => ref(fix.ref)).join(' · ');
      return t(result.method === 'nearest' ? 'geotag.status.tagged.nearest' : 'geotag.status.tagged', { refs });
    }
    case 'too-far':
      return t('geotag.status.too-far', { minutes: Math.round((result.nearestSeconds ?? 0) / 60), where: result.where ?? 'gap' });
    case 'no-capture-time':
      return t('geotag.status.no-capture-time');
    case 'no-zone':
      return t('geotag.status.no-zone');
    case 'unreadable':
      return t('geotag.status.unreadable');
  }
}

/** The album's bulk action (renderer/src/album/actions.ts): the selected ids, their file names read for the list. */
export function GeotagBulkDialog(props: { ids: string[]; onClose(): void }) {
  const items = useQuery({
    queryKey: ['geotag', 'items', props.ids],
    queryFn: async () => (await Promise.all(props.ids.map((id) => api.library.get({ id })))).filter((item): item is LibraryItemT => !!item),
    staleTime: Infinity,
  });
  if (!items.data) return null;
  return <GeotagDialog items={items.data} onClose={props.onClose} />;
}

export function GeotagDialog(props: { items: LibraryItemT[]; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const map = useMapSize();
  const inputRef = useRef<HTMLInputElement>(null);
  const picker = useQuery({ queryKey: ['files.picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });

  const [track, setTrack] = useState<TrackSummaryT | null>(null);
  const [opening, setOpening] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [offset, setOffset] = useState(0);
  const [zone, setZone] = useState('');
  const [gapMinutes, setGapMinutes] = useState(30);
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number } | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [undone, setUndone] = useState(false);

  const ids = useMemo(() => props.items.map((item) => item.id), [props.items]);
  const zoneValue = zone.trim() || undefined;
  const input = track ? { trackId: track.trackId, ids, offsetSeconds: offset, maxGapSeconds: Math.max(1, Math.round(gapMinutes * 60)), ...(zoneValue ? { zone: zoneValue } : {}) } : null;
  const preview = useQuery({
    queryKey: ['geotag', 'preview', input],
    queryFn: () => api.geotag.preview(input!),
    enabled: !!input && !done,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const results = preview.data?.results ?? [];
  const tagged = results.filter((result) => result.status === 'tagged');

  async function open(source: { handleId: string } | { file: File }) {
    setOpening(true);
    setProblem(null);
    let uploaded: Awaited<ReturnType<typeof uploadFile>> | null = null;
    try {
      const handleId = 'handleId' in source ? source.handleId : (uploaded = await uploadFile(source.file)).id;
      setTrack(await api.geotag.openTrack({ file: handleId }));
    } catch (error) {
      setProblem(error);
    } finally {
      // The track is read into main: the uploaded copy is no longer needed.
      if (uploaded) releaseFiles([uploaded]);
      setOpening(false);
    }
  }

  async function chooseTrack() {
    if (picker.data?.available) {
      const { handles } = await api.files.pick({ purpose: 'geotag', filters: [{ name: t('geotag.filter.tracks'), extensions: TRACK_EXTENSIONS }] });
      if (handles[0]) await open({ handleId: handles[0].id });
    } else {
      inputRef.current?.click();
    }
  }

  async function apply() {
    if (!input) return;
    // A job like any other (main/jobs): its progress comes as job.progress events until it is finished.
    let jobId: string | null = null;
    const early: JobProgressT[] = [];
    let finish: (progress: JobProgressT) => void = () => undefined;
    const finished = new Promise<JobProgressT>((resolve) => (finish = resolve));
    const take = (event: JobProgressT) => {
      setProgress({ jobId: event.jobId, done: event.done, total: event.total });
      if (event.finished) finish(event);
    };
    const off = api.on('job.progress', (event) => {
      if (jobId === null) early.push(event);
      else if (event.jobId === jobId) take(event);
    });
    try {
      const started = await api.geotag.apply(input);
      jobId = started.jobId;
      for (const event of [started, ...early.filter((event) => event.jobId === started.jobId)]) take(event);
      const end = await finished;
      const failures = end.failed > 0 ? (await api.job.errors({ jobId: end.jobId })).items : [];
      setDone({ runId: end.jobId, written: end.done - end.failed - end.skipped, cancelled: end.state === 'cancelled', failed: failures.map((failure) => ({ label: failure.label, error: failure.error })) });
      await queryClient.invalidateQueries({ queryKey: ['library'] });
      await queryClient.invalidateQueries({ queryKey: ['location'] });
    } catch (error) {
      setProblem(error);
    } finally {
      off();
      setProgress(null);
    }
  }

  async function undo() {
    if (!done) return;
    try {
      await api.geotag.undo({ runId: done.runId });
      setUndone(true);
      await queryClient.invalidateQueries({ queryKey: ['library'] });
      await queryClient.invalidateQueries({ queryKey: ['location'] });
    } catch (error) {
      setProblem(error);
    }
  }

  const step = (seconds: number) => setOffset((value) => Math.max(-OFFSET_RANGE, Math.min(OFFSET_RANGE, value + seconds)));
  const busy = progress !== null;

  return (
    <Dialog label={t('geotag.title')} testId="geotag-dialog" wide onEscape={() => (busy ? undefined : props.onClose())} focusKey={done ? 'done' : track ? 'track' : 'start'}>
      <header className="ds-dialog-header">
        <h2>{t('geotag.title')}</h2>
        <p>{t('geotag.intro')}</p>
      </header>

      <div className="ds-geotag-track">
        <button onClick={() => void chooseTrack()} disabled={opening || busy || !!done} data-testid="geotag-choose" data-autofocus={track ? undefined : true}>
          {t(track ? 'geotag.track.other' : 'geotag.track.choose')}
        </button>
        <input
          ref={inputRef}
          className="ds-hidden-input"
          type="file"
          accept=".gpx,.kml,.json,application/gpx+xml,application/vnd.google-earth.kml+xml,application/json"
          data-testid="geotag-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void open({ file });
          }}
        />
        <span className="ds-muted" data-testid="geotag-track-summary">
          {opening
            ? t('geotag.track.reading')
            : track
              ? t('geotag.track.summary', { name: track.name, fixes: track.fixes, start: new Date(track.start), end: new Date(track.end) })
              : t('geotag.photos', { count: props.items.length })}
        </span>
      </div>
      {track && track.dropped.inaccurate > 0 && <p className="ds-muted">{t('geotag.track.dropped', { count: track.dropped.inaccurate })}</p>}
      {problem !== null && (
        <p className="ds-error" role="alert" data-testid="geotag-error">
          {errorText(problem)}
        </p>
      )}

      {track && (
        <>
          <WorldMap
            width={map.width}
            height={map.height}
            label={t('geotag.map')}
            path={track.path}
            points={tagged.map((result) => ({ id: result.id, latitude: result.latitude!, longitude: result.longitude! }))}
            minSpan={0.004}
            testId="geotag-map"
          />
          <fieldset className="ds-geotag-offset" disabled={busy || !!done}>
            <legend>{t('geotag.offset')}</legend>
            <div className="ds-geotag-offset-row">
              <button onClick={() => step(-60)}>{t('geotag.offset.minus-minute')}</button>
              <button onClick={() => step(-1)}>{t('geotag.offset.minus-second')}</button>
              <input
                type="range"
                min={-OFFSET_RANGE}
                max={OFFSET_RANGE}
                step={1}
                value={offset}
                onChange={(event) => setOffset(Number(event.target.value))}
                aria-label={t('geotag.offset')}
                aria-valuetext={formatOffset(offset)}
                data-testid="geotag-offset"
              />
              <button onClick={() => step(1)}>{t('geotag.offset.plus-second')}</button>
              <button onClick={() => step(60)}>{t('geotag.offset.plus-minute')}</button>
              <output data-testid="geotag-offset-value" data-user-data>
                {formatOffset(offset)}
              </output>
              <button onClick={() => setOffset(0)} disabled={offset === 0}>
                {t('geotag.offset.reset')}
              </button>
            </div>
            <p className="ds-muted">{t('geotag.offset.help')}</p>
          </fieldset>
          <div className="ds-geotag-fields">
            <label className="ds-field">
              {t('geotag.zone')}
              <input type="text" value={zone} placeholder={t('geotag.zone.hint')} onChange={(event) => setZone(event.target.value)} disabled={busy || !!done} data-testid="geotag-zone" />
            </label>
            <label className="ds-field">
              {t('geotag.max-gap')}
              <input type="number" min={1} max={1440} value={gapMinutes} onChange={(event) => setGapMinutes(Number(event.target.value) || 30)} disabled={busy || !!done} data-testid="geotag-gap" />
            </label>
          </div>
          {preview.error && !preview.data && <p className="ds-error">{errorText(preview.error)}</p>}
          <p className="ds-geotag-counts" data-testid="geotag-counts">
            <span>{t('geotag.count.tagged', { count: tagged.length })}</span>
            <span className="ds-muted">{t('geotag.count.other', { count: results.length - tagged.length })}</span>
          </p>
          <ul className="ds-geotag-list" data-testid="geotag-results">
            {results.map((result) => {
              const item = props.items.find((candidate) => candidate.id === result.id);
              return (
                <li key={result.id} className={result.status === 'tagged' ? 'tagged' : 'untagged'} data-testid="geotag-result" data-status={result.status}>
                  <span className="name" data-user-data>
                    {item?.fileName ?? result.id}
                  </span>
                  <span className="why">{statusText(t, result)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}

      {progress && (
        <div className="ds-progress" data-testid="geotag-progress">
          <span>{t('geotag.writing', { done: progress.done, total: progress.total })}</span>
          <progress value={progress.done} max={Math.max(progress.total, 1)} />
        </div>
      )}
      {done && (
        <div className="ds-geotag-done" data-testid="geotag-done">
          <p>{undone ? t('geotag.undone') : t(done.cancelled ? 'geotag.done.cancelled' : 'geotag.done', { count: done.written })}</p>
          {done.failed.length > 0 && (
            <>
              <p className="ds-danger">{t('geotag.failed', { count: done.failed.length })}</p>
              <ul className="ds-failures">
                {done.failed.map((failure) => (
                  <li key={failure.label}>{errorText(failure.error)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <div className="ds-dialog-actions">
        {busy ? (
          <button onClick={() => progress && void api.job.cancel({ jobId: progress.jobId })} data-testid="geotag-cancel" data-autofocus>
            {t('geotag.cancel')}
          </button>
        ) : done ? (
          <>
            {!undone && done.written > 0 && (
              <button onClick={() => void undo()} data-testid="geotag-undo">
                {t('geotag.undo')}
              </button>
            )}
            <button className="ds-primary" onClick={props.onClose} data-testid="geotag-close" data-autofocus>
              {t('geotag.close')}
            </button>
          </>
        ) : (
          <>
            <button onClick={props.onClose}>{t('geotag.cancel')}</button>
            <button className="ds-primary" disabled={tagged.length === 0 || preview.isFetching} onClick={() => void apply()} data-testid="geotag-apply">
              {t('geotag.apply', { count: tagged.length })}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
