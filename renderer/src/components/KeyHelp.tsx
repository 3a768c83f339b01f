import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { useT } from '../i18n.tsx';
import { Kbd, type KeyCap } from './Kbd.tsx';
import { FocusTrap } from '../keys.tsx';
import { useUi } from '../store.ts';

export type KeyList = [KeyCap, MessageId][];

const cameraKeys: KeyList = [
  ['key.space', 'keys.shoot'],
  ['key.r', 'keys.record'],
  ['key.v', 'keys.mode'],
  ['key.t', 'keys.timer'],
  ['key.b', 'keys.burst'],
  ['key.f', 'keys.flash'],
  ['key.g', 'keys.grid'],
  ['key.m', 'keys.mirror'],
  ['key.brackets', 'keys.looks'],
  ['key.esc', 'keys.escape'],
  ['key.a', 'keys.album'],
  ['key.c', 'keys.camera'],
  ['key.comma', 'keys.settings'],
  ['key.d', 'keys.develop'],
  ['key.s', 'keys.split'],
  ['key.shift-arrows', 'keys.split-move'],
  ['key.arrows', 'keys.navigate'],
  ['key.delete', 'keys.trash'],
  ['key.question', 'keys.help'],
];

/** The keys of the view on screen: the camera's unless a view gives its own. */
export function KeyHelp(props: { onClose(): void; keys?: KeyList }) {
  const t = useT();
  const keys = props.keys ?? cameraKeys;
  return (
    <div className="key-help" onClick={props.onClose}>
      <FocusTrap scope="help" className="key-help-card" role="dialog" label={t('keys.label')} testId="key-help" onEscape={props.onClose} keys={{ '?': { run: props.onClose, everywhere: true } }} onClick={(event) => event.stopPropagation()}>
        <p className="popover-title">{t('keys.title')}</p>
        <dl>
          {keys.map(([key, what]) => (
            <div key={key} className="key-row">
              <dt>
                <Kbd k={key} />
              </dt>
              <dd>{t(what)}</dd>
            </div>
          ))}
        </dl>
        <div className="key-help-actions">
          <button onClick={() => useUi.getState().setIntroOpen(true)}>
            {t('intro.again')}
          </button>
          <button onClick={props.onClose} data-autofocus>
            {t('common.close')}
          </button>
        </div>
      </FocusTrap>
    </div>
  );
}
