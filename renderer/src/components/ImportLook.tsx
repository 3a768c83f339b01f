import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { LookT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { fromPage, fromPicker, handleFor, LUT_EXTENSIONS, releaseFiles, type ChosenFile } from '../files.ts';
import { useT } from '../i18n.tsx';
import { isImportedLook, useFileErrorText } from './look-samples.ts';
import '../looks-ui.css';

const LUT_TYPES = '.cube,.3dl,.png,.tif,.tiff';

/**
 * A LUT file becomes a camera of the person's own: .cube, .3dl or a HaldCLUT image, optionally with the
 * grain and frame of a built-in camera. A bad file is explained right here (file, line and fault).
 */
export function ImportLook(props: { looks: LookT[]; onImported(id: string): void }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const t = useT();
  const errorText = useFileErrorText();
  const picker = useQuery({ queryKey: ['files.picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });
  const [name, setName] = useState('');
  const [baseLookId, setBaseLookId] = useState('');

  const importing = useMutation({
    mutationFn: async (chosen: ChosenFile) => {
      // A LUT the page holds (up to a few hundred MB for a 256-point cube) goes to main in chunks.
      const { handle, uploaded } = await handleFor(chosen);
      const trimmed = name.trim();
      try {
        return await api.looks.import({ file: handle.id, ...(trimmed ? { name: trimmed.slice(0, 60) } : {}), ...(baseLookId ? { baseLookId } : {}) });
      } finally {
        if (uploaded) releaseFiles([handle]);
      }
    },
    onSuccess: async (look) => {
      await queryClient.invalidateQueries({ queryKey: ['looks'] });
      setFile(null);
      setName('');
      setBaseLookId('');
      props.onImported(look.id);
    },
  });

  const builtIn = props.looks.filter((look) => !isImportedLook(look));
  const pickWithHost = async () => {
    const { handles } = await api.files.pick({ purpose: 'look', filters: [{ name: t('files.filter.luts'), extensions: LUT_EXTENSIONS }] });
    if (!handles[0]) return;
    importing.reset();
    setFile(fromPicker(handles)[0]!);
  };
  // Electron's own dialog where there is one; a plain browser host has only <input type=file>.
  const choose = () => (picker.data?.available ? void pickWithHost().catch(() => input.current?.click()) : input.current?.click());
  const close = () => {
    setFile(null);
    importing.reset();
  };

  return (
    <div className="ds-import">
      <input
        ref={input}
        type="file"
        accept={LUT_TYPES}
        className="ds-hidden-input"
        data-testid="import-lut-file"
        onChange={(event) => {
          const chosen = event.target.files?.[0] ?? null;
          event.target.value = '';
          if (!chosen) return;
          importing.reset();
          setFile(fromPage([chosen])[0]!);
        }}
      />
      {!file && (
        <button className="ds-import-button" onClick={choose} data-testid="import-lut" title={t('import.button.title')}>
          {t('import.button')}
        </button>
      )}
      {file && (
        <form
          className="ds-import-form"
          aria-label={t('import.form')}
          onSubmit={(event) => {
            event.preventDefault();
            if (!importing.isPending) importing.mutate(file);
          }}
        >
          <p className="ds-import-file" title={file.name} data-user-data>
            {file.name}
          </p>
          <label className="ds-field">
            <span>{t('import.name')}</span>
            <input type="text" value={name} maxLength={60} placeholder={t('import.name.placeholder')} onChange={(event) => setName(event.target.value)} disabled={importing.isPending} data-testid="import-lut-name" />
          </label>
          <label className="ds-field">
            <span>{t('import.base')}</span>
            <select value={baseLookId} onChange={(event) => setBaseLookId(event.target.value)} disabled={importing.isPending} data-testid="import-lut-base">
              <option value="">{t('import.base.none')}</option>
              {builtIn.map((look) => (
                <option key={look.id} value={look.id} data-user-data>
                  {look.name}
                </option>
              ))}
            </select>
          </label>
          {importing.isPending && (
            <div className="ds-progress compact" role="status">
              <span className="ds-muted">{t('import.reading', { file: file.name })}</span>
              <progress aria-label={t('import.progress')} />
            </div>
          )}
          {importing.error && (
            <div className="ds-error" role="alert" data-testid="import-lut-error">
              <strong>{t('import.failed', { file: file.name })}</strong>
              <span className="ds-error-detail">{errorText(importing.error, file.name)}</span>
            </div>
          )}
          <div className="ds-import-actions">
            <button type="button" onClick={close} disabled={importing.isPending}>
              {t('common.cancel')}
            </button>
            {importing.error ? (
              <button type="button" onClick={choose} className="ds-primary">
                {t('import.choose-another')}
              </button>
            ) : (
              <button type="submit" className="ds-primary" disabled={importing.isPending} data-testid="import-lut-confirm">
                {t('import.confirm')}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
