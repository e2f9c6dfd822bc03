import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCN from './zh-CN';
import { MODULE_MESSAGES } from './moduleMessages';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'zj.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // storage unavailable: use the default
  }
  return 'zh-CN';
}

function applyLanguage(lng: Language): void {
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lng;
}

/**
 * The shell's English strings arrive only when English is chosen (most users never do), so the
 * first download carries one language of them; the modules' menu strings come in both.
 */
let english: Promise<void> | null = null;
const loadEnglish = () =>
  (english ??= import('./en-US').then((m) => {
    i18n.addResourceBundle('en-US', 'translation', m.default, true, false);
  }));

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: Object.assign({}, zhCN, ...MODULE_MESSAGES.map((m) => m['zh-CN'])) },
    'en-US': { translation: Object.assign({}, ...MODULE_MESSAGES.map((m) => m['en-US'])) },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Resolves when the strings of the language the app starts in are loaded (render after it). */
export const i18nReady: Promise<void> = initial === 'en-US' ? loadEnglish() : Promise.resolve();

/** Switch the UI language and remember it in localStorage. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not persisted; still switch
  }
  if (lng === 'en-US') await loadEnglish();
  applyLanguage(lng);
  await i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
}

export default i18n;
