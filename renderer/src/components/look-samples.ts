import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { LookT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useErrorText } from '../i18n.tsx';

/** Imported cameras get ids of this form from the look importer (main/looks/import.ts). */
export function isImportedLook(look: Pick<LookT, 'imported'>): boolean {
  return look.imported;
}

export function useLooks() {
  return useQuery({ queryKey: ['looks'], queryFn: () => api.looks.list({}) });
}

/**
 * The sample picture of a camera. The cache holds the bytes as a Blob (not a URL) so that each mounted
 * image owns its object URL and can revoke it when it goes away, while a remount still hits the cache.
 */
export function useLookSampleUrl(id: string | null): string | null {
  const sample = useQuery({
    queryKey: ['look-sample', id],
    enabled: !!id,
    staleTime: Infinity,
    queryFn: async () => {
      const { jpeg } = await api.looks.sample({ id: id! });
      return jpeg ? new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }) : null;
    },
  });
  return useObjectUrl(sample.data ?? null);
}

export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<{ blob: Blob; url: string } | null>(null);
  useEffect(() => {
    if (!blob) return;
    const created = URL.createObjectURL(blob);
    setUrl({ blob, url: created });
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return blob && url?.blob === blob ? url.url : null;
}

/** A service error in the UI's language (useErrorText), about a file the person picked. */
export function useFileErrorText(): (error: unknown, fileName?: string) => string {
  const errorText = useErrorText();
  return useCallback((error: unknown, fileName?: string) => withoutTempFolder(errorText(error), fileName), [errorText]);
}

/**
 * Upload errors name the temporary copy main wrote the bytes to; the person only knows the file they
 * picked, so the folder part is dropped.
 */
function withoutTempFolder(message: string, fileName?: string): string {
  if (!fileName) return message;
  // Main's readers put the path first ("<path>:<line>: <fault>"); a Windows temp path may hold spaces.
  for (const separator of ['/', '\\']) {
    const at = message.indexOf(`${separator}${fileName}`);
    if (at > 0 && !message.slice(0, at).includes(': ')) return message.slice(at + 1);
  }
  const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`(?:[A-Za-z]:)?[^\\s"']*[\\\\/]${escaped}`, 'g'), fileName);
}

/** The message without the file name in front when the list already shows it beside the message. */
export function withoutFileName(message: string, fileName: string): string {
  return message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
}

