// Formatting outside React (errors, the CLI, the shell's dialogs): FormatJS's own core, so a message
// formats the same here as through react-intl in the page.
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { catalogues, type Locale, type MessageId } from './catalog.ts';

const cache = createIntlCache();
const intls = new Map<Locale, IntlShape<string>>();

export function intlFor(locale: Locale): IntlShape<string> {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale, messages: catalogues[locale], onError: reportFormatError }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** A message in `locale`; an id that is not in the catalogue formats as the id itself (and tests catch it). */
export function format(locale: Locale, id: MessageId | string, values?: Record<string, string | number>): string {
  return intlFor(locale).formatMessage({ id }, values) as string;
}

function reportFormatError(error: { code?: string; message: string }): void {
  // A missing translation cannot happen (both languages are required by type); anything else is a bug in a
  // message, which the catalogue test finds. Formatting still returns the best it can.
  if (error.code !== 'MISSING_TRANSLATION') console.error(`i18n: ${error.message}`);
}
