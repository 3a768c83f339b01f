// The page's languages: English and Simplified Chinese from the shared catalogue, chosen from the
// system's preferred languages unless the user picked one. Every visible string goes through `useT`.
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { catalogues, matchLocale, type Locale, type MessageId } from '../../main/shared/i18n/index.ts';
import { errorText, type ErrorParams } from '../../main/shared/contract/index.ts';
import { useUi } from './store.ts';

export type LanguageChoice = 'system' | Locale;

export function systemLocale(): Locale {
  return matchLocale(navigator.languages.length ? navigator.languages : [navigator.language]);
}

export function useLocale(): Locale {
  const choice = useUi((state) => state.language);
  return choice === 'system' ? systemLocale() : choice;
}

/**
 * A hidden, test-only language: every catalogue message wrapped in ⟦ ⟧ (English inside, Intl formats as
 * English), so a test can find any text on screen that did not come from the catalogue. Switched on by
 * localStorage `darkslide.pseudo-locale` = `1` before the page loads (tests/e2e/languages.test.ts).
 */
export const PSEUDO_LOCALE_KEY = 'darkslide.pseudo-locale';

function pseudoLocaleOn(): boolean {
  try {
    return localStorage.getItem(PSEUDO_LOCALE_KEY) === '1';
  } catch {
    return false;
  }
}

function pseudoCatalogue(): Record<string, string> {
  return Object.fromEntries(Object.entries(catalogues.en).map(([id, text]) => [id, `⟦${text}⟧`]));
}

export function I18nProvider(props: { children: ReactNode }) {
  const locale = useLocale();
  const pseudo = useMemo(pseudoLocaleOn, []);
  const messages = useMemo(() => (pseudo ? pseudoCatalogue() : catalogues[locale]), [pseudo, locale]);
  return (
    <IntlProvider locale={pseudo ? 'en' : locale} messages={messages} defaultLocale="en">
      <DocumentLanguage locale={pseudo ? 'en' : locale} />
      {props.children}
    </IntlProvider>
  );
}

/** The page's lang attribute (fonts, screen readers, line breaking) and its title follow the UI language. */
function DocumentLanguage(props: { locale: Locale }) {
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = props.locale;
    document.title = t('app.name');
  }, [props.locale, t]);
  return null;
}

export type Translate = (id: MessageId, values?: Record<string, string | number | Date>) => string;

/** `t(id, values)`: a message in the page's language. Ids are checked against the catalogue by type. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values) as string, [intl]);
}

/** A 0..1 value (a slider's) as a whole percentage in the UI's number format. */
export function usePercent(): (value: number) => string {
  const intl = useIntl();
  return useCallback((value: number) => intl.formatNumber(value, { style: 'percent', maximumFractionDigits: 0 }), [intl]);
}

/**
 * A camera's description: the catalogue's for the cameras Darkslide ships (keyed by look id), the look's
 * own text for one the person imported (it is theirs, like its name).
 */
export function useLookDescription(): (look: { id: string; description: string; imported: boolean }) => string {
  const t = useT();
  return useCallback(
    (look) => {
      const id = `look.${look.id}.description`;
      return !look.imported && Object.hasOwn(catalogues.en, id) ? t(id as MessageId) : look.description;
    },
    [t],
  );
}

/** An error from main in the page's language: its code's message and action; its English words if the code is unknown. */
export function useErrorText(): (error: unknown) => string {
  const intl = useIntl();
  return useCallback(
    (error: unknown) => {
      const { code, params, message } = (error ?? {}) as { code?: string; params?: ErrorParams; message?: string };
      const text = code ? errorText(code, params, (id, values) => intl.formatMessage({ id }, values) as string) : '';
      return text || message || String(error);
    },
    [intl],
  );
}
