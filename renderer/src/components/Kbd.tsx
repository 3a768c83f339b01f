import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { useT } from '../i18n.tsx';

export type KeyCap = Extract<MessageId, `key.${string}`>;

/** A key cap as keyboards print it in the UI's language (key.* in the catalogue). */
export function Kbd(props: { k: KeyCap }) {
  const t = useT();
  return <kbd>{t(props.k)}</kbd>;
}
