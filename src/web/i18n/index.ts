import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Catalogue } from './en.js';
import { hi } from './hi.js';
import { ta } from './ta.js';
import { LANGUAGES, type Language } from '../../shared/languages.js';

export { LANGUAGES, type Language };
export const DEFAULT_LANGUAGE: Language = 'en';

export const resources = {
  en: { translation: en },
  hi: { translation: hi },
  ta: { translation: ta },
} as const satisfies Record<Language, { translation: Catalogue }>;

const STORAGE_KEY = 'ccr.language';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The language chosen earlier on this device; English otherwise (never guessed from the browser). */
function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be disabled (private mode, strict settings): the app still works, in English.
    return DEFAULT_LANGUAGE;
  }
}

function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits, but the switch itself still applies.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes what it renders.
  initAsync: false,
});

const applyToDocument = (language: string) => {
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
};
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

/** Switches the interface language and remembers the choice on this device. */
export async function changeLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await i18n.changeLanguage(language);
}

/** The current language, narrowed to the ones we ship. */
export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE);
