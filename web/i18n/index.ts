import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

// English first; another language is one more resource object with the same keys.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  // React escapes what it renders; escaping here too would show &amp; to people.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No advertisement in the browser console of a hospital workstation.
  showSupportNotice: false,
});

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export type NavKey = keyof typeof en.nav;
export default i18n;
