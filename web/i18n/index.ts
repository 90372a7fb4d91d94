import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { core } from './core';
// Only the type: the words themselves are a chunk of their own (loadAllWords), not the entry's.
import type { en } from './en';

// English first; another language is one more resource object with the same keys.
// The app starts with the core words (what the signed-out pages show); the rest load on demand.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: core } },
  lng: 'en',
  fallbackLng: 'en',
  // React escapes what it renders; escaping here too would show &amp; to people.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No advertisement in the browser console of a hospital workstation.
  showSupportNotice: false,
});

let allWords: Promise<void> | undefined;

/**
 * Every word of the app (./en), added to the core set. Routes whose pages need more than the
 * core (all of /app, the queue screen) await this before they render, so no page shows a raw
 * key. Fetched once; a failed fetch is tried again on the next call.
 */
export function loadAllWords(): Promise<void> {
  allWords ??= import('./en').then(
    ({ en }) => void i18n.addResourceBundle('en', 'translation', en, true, true),
    (err: unknown) => {
      allWords = undefined;
      throw err;
    },
  );
  return allWords;
}

/** Starts fetching every word when the browser is idle (e.g. while someone types their password). */
export function prefetchAllWords(): void {
  const start = () => void loadAllWords().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export type NavKey = keyof typeof en.nav;
export default i18n;
