import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';

/** What the running Darkslide says of this address's token: another session's, its own, or nothing (not running). */
type Answer = 'expired' | 'current' | 'no-answer';

/** While the connection is down and nobody answers, how often to ask again: a restart takes a few seconds. */
const ASK_AGAIN_MS = 2000;

/**
 * Browser mode only: is the token in this address the running session's? The media route answers 403 to a
 * wrong token and 404 to a right one asking for nothing, so one HEAD request tells. Without this, a stale
 * address (an old tab, a bookmark) showed an empty camera list and "No camera found. Plug one in".
 */
async function askAddress(): Promise<Answer> {
  if (window.darkslide) return 'current';
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  try {
    const answer = await fetch(`/media/-/thumb?token=${encodeURIComponent(token)}`, { method: 'HEAD', cache: 'no-store' });
    return answer.status === 403 ? 'expired' : 'current';
  } catch {
    // Darkslide is not running at all: the calls say so themselves (the connection closed).
    return 'no-answer';
  }
}

export function AddressCheck(props: { children: ReactNode }) {
  const t = useT();
  // An open page whose Darkslide restarted (a fixed DARKSLIDE_PORT) holds the old token: its connection closes,
  // and without asking again it showed "The connection closed. Reload the page" until a reload said expired.
  const [closed, setClosed] = useState(false);
  useEffect(() => api.onClose(() => setClosed(true)), []);
  const answer = useQuery({
    queryKey: ['address-expired', closed],
    queryFn: askAddress,
    staleTime: Infinity,
    retry: false,
    // Asking again after the close must not flash the camera back in over an expired screen.
    placeholderData: keepPreviousData,
    // Stopped, Darkslide may come back (restarted by hand) on the same port: keep asking until someone answers.
    refetchInterval: (query) => (closed && query.state.data === 'no-answer' ? ASK_AGAIN_MS : false),
  });
  if (answer.data !== 'expired') return <>{props.children}</>;
  return (
    <div className="address-expired" role="alert" data-testid="address-expired">
      <h1>{t('connection.expired.title')}</h1>
      <p>{t('connection.expired', { origin: window.location.origin })}</p>
      <p className="ds-muted">{t('connection.expired.close')}</p>
    </div>
  );
}
