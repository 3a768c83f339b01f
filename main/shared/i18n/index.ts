export { catalogues, matchLocale, LOCALES, type Locale, type MessageId } from './catalog.ts';
export { format, intlFor, warmIntl } from './format.ts';
export { defineMessages, type Texts } from './define.ts';
