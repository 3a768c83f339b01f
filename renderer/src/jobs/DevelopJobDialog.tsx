// The album's selection developed again through a camera as one job (job.develop): main develops the kept
// originals in the background, two at a time, and the jobs tray shows the progress with pause and cancel.
import { useState } from 'react';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Kbd } from '../components/Kbd.tsx';
import { useLooks } from '../components/look-samples.ts';
import { defaultLookId, LookChoice, type LookSettings } from '../components/LookChoice.tsx';
import { useErrorText, useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { useJobs } from './state.ts';

export function DevelopJobDialog(props: { ids: string[]; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const looks = useLooks();
  const ui = useUi.getState();
  const photoLooks = (looks.data ?? []).filter((look) => look.kind === 'photo');
  const [settings, setSettings] = useState<LookSettings>({ lookId: '', strength: ui.strength, grain: ui.grain });
  const lookId = settings.lookId || defaultLookId(photoLooks, ui.lookId);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const start = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const job = await api.job.develop({ ids: props.ids, lookId, strength: settings.strength, grain: settings.grain });
      useJobs.getState().take(job);
      useJobs.getState().setOpen(true);
      props.onClose();
    } catch (error) {
      setProblem(error);
      setStarting(false);
    }
  };

  return (
    <Dialog label={t('develop-job.title')} testId="develop-job-dialog" wide onEscape={() => !starting && props.onClose()} focusKey="choose">
      <header className="ds-dialog-header">
        <h2>{t('develop-job.title')}</h2>
        <p>{t('develop-job.intro', { count: props.ids.length })}</p>
      </header>
      {looks.error ? (
        <p className="ds-error" role="alert">
          {errorText(looks.error)}
        </p>
      ) : (
        <LookChoice looks={photoLooks} value={{ ...settings, lookId }} onChange={setSettings} disabled={starting} subject={props.ids[0] ? { item: props.ids[0] } : null} />
      )}
      {problem !== null && (
        <p className="ds-error" role="alert" data-testid="develop-job-error">
          {errorText(problem)}
        </p>
      )}
      <footer className="ds-dialog-actions">
        <button onClick={props.onClose} disabled={starting}>
          {t('common.close')} <Kbd k="key.esc" />
        </button>
        <button className="ds-primary" disabled={starting || !lookId} onClick={() => void start()} data-testid="develop-job-start" data-autofocus>
          {t('develop-job.start', { count: props.ids.length })}
        </button>
      </footer>
    </Dialog>
  );
}
