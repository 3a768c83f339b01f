// The message catalogues, one per language, assembled from the areas' message files and the error tables.
// Because every message carries both languages, the two catalogues always have the same keys.
import type { ErrorSpec } from '../errors/define.ts';
import { errorTables } from '../errors/tables.ts';
import type { Texts } from './define.ts';
import { albumMessages } from './messages/album.ts';
import { cameraMessages } from './messages/camera.ts';
import { cliMessages } from './messages/cli.ts';
import { commonMessages } from './messages/common.ts';
import { developMessages } from './messages/develop.ts';
import { deviceMessages } from './messages/device.ts';
import { filesMessages } from './messages/files.ts';
import { connectionMessages } from './messages/connection.ts';
import { introMessages } from './messages/intro.ts';
import { jobsMessages } from './messages/jobs.ts';
import { keyMessages } from './messages/keys.ts';
import { lookDescriptionMessages } from './messages/look-descriptions.ts';
import { looksMessages } from './messages/looks.ts';
import { locationMessages } from './messages/location.ts';
import { navMessages } from './messages/nav.ts';
import { photoMessages } from './messages/photo.ts';
import { privacyMessages } from './messages/privacy.ts';
import { settingsMessages } from './messages/settings.ts';
import { shellMessages } from './messages/shell.ts';

/** UI messages by area. A new area's file is added here. */
const areas = [
  commonMessages,
  navMessages,
  keyMessages,
  cameraMessages,
  deviceMessages,
  looksMessages,
  lookDescriptionMessages,
  albumMessages,
  photoMessages,
  developMessages,
  settingsMessages,
  shellMessages,
  filesMessages,
  privacyMessages,
  locationMessages,
  jobsMessages,
  introMessages,
  connectionMessages,
  cliMessages,
] as const;

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ErrorCodes = KeysOfUnion<(typeof errorTables)[number]> & string;
type ErrorIds = `error.${ErrorCodes}` | `error.${ErrorCodes}.action`;
export type MessageId = (KeysOfUnion<(typeof areas)[number]> & string) | ErrorIds;

function errorMessages(): Record<string, Texts> {
  const out: Record<string, Texts> = {};
  for (const table of errorTables) {
    for (const [code, spec] of Object.entries(table) as [string, ErrorSpec][]) {
      out[`error.${code}`] = spec.message;
      if (spec.action) out[`error.${code}.action`] = spec.action;
    }
  }
  return out;
}

function build(): Record<Locale, Record<MessageId, string>> {
  const all: Record<string, Texts> = {};
  for (const area of [...areas, errorMessages()]) {
    for (const [id, texts] of Object.entries(area)) {
      if (Object.hasOwn(all, id)) throw new Error(`Message "${id}" is defined twice.`);
      all[id] = texts;
    }
  }
  const en: Record<string, string> = {};
  const zh: Record<string, string> = {};
  for (const [id, texts] of Object.entries(all)) {
    en[id] = texts.en;
    zh[id] = texts.zh;
  }
  return { en, 'zh-CN': zh } as Record<Locale, Record<MessageId, string>>;
}

export const catalogues = build();

/** The best catalogue for a list of preferred languages (BCP 47, most wanted first): any Chinese reads zh-CN. */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}
