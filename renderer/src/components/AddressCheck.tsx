import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useT } from '../i18n.tsx';

/**
 * Browser mode only: is the token in this address the running session's? The media route answers 403 to a
 * wrong token and 404 to a right one asking for nothing, so one HEAD request tells. Without this, a stale
 * address (an old tab, a bookmark) showed an empty camera list and "No camera found. Plug one in".
 */
async function addressExpired(): Promise<boolean> {
  if (window.darkslide) return false;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  try {
    const answer = await fetch(`/media/-/thumb?token=${encodeURIComponent(token)}`, { method: 'HEAD', cache: 'no-store' });
    return answer.status === 403;
  } catch {
    // Darkslide is not running at all: the calls say so themselves (the connection closed).
    return false;
  }
}

export function AddressCheck(props: { children: ReactNode }) {
  const t = useT();
  const expired = useQuery({ queryKey: ['address-expired'], queryFn: addressExpired, staleTime: Infinity, retry: false });
  if (!expired.data) return <>{props.children}</>;
  return (
    <div className="address-expired" role="alert" data-testid="address-expired">
      <h1>{t('connection.expired.title')}</h1>
      <p>{t('connection.expired', { origin: window.location.origin })}</p>
      <p className="ds-muted">{t('connection.expired.close')}</p>
    </div>
  );
}
