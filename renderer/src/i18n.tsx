// The page's languages: English and Simplified Chinese from the shared catalogue, chosen from the
// system's preferred languages unless the user picked one. Every visible string goes through `useT`.
import { useCallback, type ReactNode } from 'react';
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

export function I18nProvider(props: { children: ReactNode }) {
  const locale = useLocale();
  return (
    <IntlProvider locale={locale} messages={catalogues[locale]} defaultLocale="en">
      {props.children}
    </IntlProvider>
  );
}

export type Translate = (id: MessageId, values?: Record<string, string | number | Date>) => string;

/** `t(id, values)`: a message in the page's language. Ids are checked against the catalogue by type. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values) as string, [intl]);
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
