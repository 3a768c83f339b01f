// The button beside a library error whose action is "choose another folder" or "see Settings": it opens
// Settings → Library, where the folder can be chosen or a move cancelled.
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';

export function LibraryErrorButton(props: { error: unknown }) {
  const t = useT();
  const { code, button } = (props.error ?? {}) as { code?: string; button?: string };
  if (!code?.startsWith('library.') || (button !== 'choose-folder' && button !== 'open-settings')) return null;
  return (
    <button className="ds-error-button" onClick={() => useUi.getState().openSettings({ section: 'library', at: Date.now() })} data-testid="open-library-settings">
      {t('error.open-library-settings')}
    </button>
  );
}
