import type { Texts } from '../i18n/define.ts';

/** What the UI can offer beside an error's text, where there is something to do in one click. */
export type ErrorButton = 'retry' | 'choose-folder' | 'choose-file' | 'open-settings' | 'reload';

export type ErrorSpec = {
  /** What happened, in words; ICU placeholders such as {file} are filled from the error's params. */
  message: Texts;
  /** What to do about it, where there is something to do. */
  action?: Texts;
  button?: ErrorButton;
};

export function defineErrors<const E extends Record<string, ErrorSpec>>(errors: E): E {
  return errors;
}
