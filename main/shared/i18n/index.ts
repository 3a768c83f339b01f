export { catalogues, matchLocale, LOCALES, type Locale, type MessageId } from './catalog.ts';
export { format, intlFor } from './format.ts';
export { defineMessages, type Texts } from './define.ts';
