import { LOCALES } from '../../../main/shared/i18n/index.ts';
import { systemLocale, useT, type LanguageChoice } from '../i18n.tsx';
import { useUi } from '../store.ts';

/** The UI language: the system's (named, so the person sees what that means here) or one chosen. */
export function LanguageSection() {
  const t = useT();
  const choice = useUi((state) => state.language);
  const setLanguage = useUi((state) => state.setLanguage);
  const options: { value: LanguageChoice; label: string }[] = [
    { value: 'system', label: t('settings.language.system', { language: t(`language.${systemLocale()}`) }) },
    ...LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) })),
  ];
  return (
    <>
      <p className="settings-intro">{t('settings.language.intro')}</p>
      <div className="settings-choices" role="radiogroup" aria-label={t('settings.language')}>
        {options.map((option) => (
          <label key={option.value} className={choice === option.value ? 'settings-choice chosen' : 'settings-choice'}>
            <input type="radio" name="language" value={option.value} checked={choice === option.value} onChange={() => setLanguage(option.value)} data-testid={`language-${option.value}`} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </>
  );
}
