import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { FileHandleT, LookT } from '../../../main/shared/contract/index.ts';
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

/** What a develop dialog previews its camera on: the person's own photo, in whichever form the dialog holds it. */
export type SampleSubject = { item: string } | { file: FileHandleT } | { page: File };

/** The page's photo scaled down to this long edge before it is sent: the sample is 720 px, the upload stays small. */
const PAGE_PICTURE_LONG_EDGE = 1440;

async function smallCopy(file: File): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PAGE_PICTURE_LONG_EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
}

function subjectKey(subject: SampleSubject): string {
  if ('item' in subject) return `item:${subject.item}`;
  if ('file' in subject) return `file:${subject.file.id}`;
  return `page:${subject.page.name}:${subject.page.size}:${subject.page.lastModified}`;
}

/** A value that follows `value` once it has held still for `ms`: the sliders move, the sample follows when they stop. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The chosen camera developed on the person's own photo (develop.sample, the same engine as the develop), as
 * an object URL; the previous sample stays on screen while the next is made.
 */
export function useDevelopSample(subject: SampleSubject | null, lookId: string, strength: number, grain: number) {
  const settled = useSettled({ lookId, strength, grain }, 250);
  const picture = useQuery({
    queryKey: ['sample-picture', subject ? subjectKey(subject) : null],
    enabled: !!subject && 'page' in subject,
    staleTime: Infinity,
    gcTime: 60_000,
    queryFn: () => smallCopy((subject as { page: File }).page),
  });
  const ready = !!subject && !!settled.lookId && (!('page' in subject) || !!picture.data);
  const sample = useQuery({
    queryKey: ['develop-sample', subject ? subjectKey(subject) : null, settled.lookId, settled.strength, settled.grain],
    enabled: ready,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const on = subject!;
      const source = 'item' in on ? { item: on.item } : 'file' in on ? { file: on.file.id } : { picture: picture.data!, name: on.page.name };
      const { jpeg } = await api.develop.sample({ lookId: settled.lookId, strength: settled.strength, grain: settled.grain, subject: source });
      return new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' });
    },
  });
  const url = useObjectUrl(sample.data ?? null);
  return { url, error: picture.error ?? sample.error, busy: sample.isFetching || picture.isFetching };
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

