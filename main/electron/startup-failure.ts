// What the start-up error box says, in the user's language: the error's own
// message and what to do (services name the file or folder), or, for anything
// that is not a known error, that it is a bug and how to report it.
import { errorText, isErrorCode, toErrorData } from '../shared/contract/errors.ts';
import { format, type Locale } from '../shared/i18n/index.ts';

export function startupFailure(error: unknown, locale: Locale): { title: string; message: string } {
  const data = toErrorData(error);
  const translate = (id: string, values: Record<string, string | number>) => format(locale, id, values);
  // Errors not yet in the shared tables carry their English words only (see toErrorData).
  const message = isErrorCode(data.code) ? errorText(data.code, data.params, translate) : data.message;
  return { title: format(locale, 'shell.startup-failed'), message };
}
