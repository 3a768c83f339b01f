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

/**
 * Builds `locale`'s formatter ahead of the first message, a piece per turn of the event loop. Most of its cost is
 * the JavaScript engine loading ICU's data on first use of each Intl service (about 25, 7, 5 and 6 ms here):
 * in one turn, 45-70 ms that held everything else on the main thread (bench:main-thread, "start").
 */
export async function warmIntl(locale: Locale): Promise<void> {
  const pieces = [
    () => Intl.NumberFormat.supportedLocalesOf([locale]),
    () => new Intl.DateTimeFormat(locale),
    () => new Intl.PluralRules(locale),
    () => new Intl.ListFormat(locale),
    () => new Intl.DisplayNames(locale, { type: 'language' }),
    () => intlFor(locale),
  ];
  for (const piece of pieces) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    piece();
  }
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
