// The language the command line speaks. A terminal has no language picker: POSIX says which variable names
// it (LC_ALL over LC_MESSAGES over LANG, an empty one counting as unset), so `LANG=zh_CN.UTF-8 darkslide`
// answers in Chinese and `LC_ALL=C` in English whatever LANG says.
import { errorTextIn } from '../shared/errors/index.ts';
import { format, matchLocale, type Locale, type MessageId } from '../shared/i18n/index.ts';

export function cliLocale(env: Record<string, string | undefined>): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  // zh_CN.UTF-8@stroke → zh-CN: the codeset and modifier say nothing about the language, and the catalogue
  // matches BCP 47 tags. "C" and "POSIX" match nothing and read English.
  return matchLocale([setting.split(/[.@]/)[0]!.replace(/_/g, '-')]);
}

/** The locale of this run, read once: a command speaks one language from start to end. */
export const locale: Locale = cliLocale(process.env);

export function t(id: MessageId, values?: Record<string, string | number>): string {
  return format(locale, id, values);
}

/** A thrown error, or one carried as data (a job's item, a geotag failure), in the run's language. */
export function errorWords(error: unknown): string {
  return errorTextIn(locale, error);
}
