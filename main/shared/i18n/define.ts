// A message is written once with both of its languages side by side, so a key can never be missing from
// either catalogue: the type requires both. Messages are ICU MessageFormat (plurals, selects, dates and
// numbers through Intl), formatted by FormatJS.

/** Simplified Chinese is `zh`; the catalogue's locale for it is zh-CN. */
export type Texts = { en: string; zh: string };

export function defineMessages<const M extends Record<string, Texts>>(messages: M): M {
  return messages;
}
