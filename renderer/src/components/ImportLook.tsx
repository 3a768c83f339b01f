import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { LookT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { errorText, isImportedLook } from './look-samples.ts';
import '../looks-ui.css';

const LUT_TYPES = '.cube,.3dl,.png,.tif,.tiff';

/**
 * A LUT file becomes a camera of the person's own: .cube, .3dl or a HaldCLUT image, optionally with the
 * grain and frame of a built-in camera. A bad file is explained right here (file, line and fault).
 */
export function ImportLook(props: { looks: LookT[]; onImported(id: string): void }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [baseLookId, setBaseLookId] = useState('');

  const importing = useMutation({
    mutationFn: async (chosen: File) => {
      const data = new Uint8Array(await chosen.arrayBuffer());
      const trimmed = name.trim();
      return api.looks.import({ fileName: chosen.name, data, ...(trimmed ? { name: trimmed.slice(0, 60) } : {}), ...(baseLookId ? { baseLookId } : {}) });
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
  const choose = () => input.current?.click();
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
          setFile(chosen);
        }}
      />
      {!file && (
        <button className="ds-import-button" onClick={choose} data-testid="import-lut" title="Make a camera from a .cube, .3dl or HaldCLUT file">
          Import LUT…
        </button>
      )}
      {file && (
        <form
          className="ds-import-form"
          aria-label="Import a LUT"
          onSubmit={(event) => {
            event.preventDefault();
            if (!importing.isPending) importing.mutate(file);
          }}
        >
          <p className="ds-import-file" title={file.name}>
            {file.name}
          </p>
          <label className="ds-field">
            <span>Name</span>
            <input type="text" value={name} maxLength={60} placeholder="From the file" onChange={(event) => setName(event.target.value)} disabled={importing.isPending} data-testid="import-lut-name" />
          </label>
          <label className="ds-field">
            <span>Keep grain &amp; frame of</span>
            <select value={baseLookId} onChange={(event) => setBaseLookId(event.target.value)} disabled={importing.isPending} data-testid="import-lut-base">
              <option value="">No camera: colour only</option>
              {builtIn.map((look) => (
                <option key={look.id} value={look.id}>
                  {look.name}
                </option>
              ))}
            </select>
          </label>
          {importing.isPending && (
            <div className="ds-progress compact" role="status">
              <span className="ds-muted">Reading {file.name}…</span>
              <progress aria-label="Importing" />
            </div>
          )}
          {importing.error && (
            <div className="ds-error" role="alert" data-testid="import-lut-error">
              <strong>Could not import {file.name}</strong>
              <span className="ds-error-detail">{errorText(importing.error, file.name)}</span>
            </div>
          )}
          <div className="ds-import-actions">
            <button type="button" onClick={close} disabled={importing.isPending}>
              Cancel
            </button>
            {importing.error ? (
              <button type="button" onClick={choose} className="ds-primary">
                Choose another…
              </button>
            ) : (
              <button type="submit" className="ds-primary" disabled={importing.isPending} data-testid="import-lut-confirm">
                Import
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
