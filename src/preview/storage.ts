/**
 * Where the preview keeps the task pane's settings: localStorage (an in-memory map when the
 * browser refuses it). It also tells the preview when the pane saves a new language, so
 * that the frame around the pane follows the pane's own language switch.
 */
import { SETTINGS_KEY, sanitizeSettings } from '../host/settings';
import type { Lang } from '../i18n/ui';

export interface PreviewStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function localStore(): PreviewStorage {
  try {
    const probe = '__ndplan_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}

export function settingsStorage(
  onLanguage: (lang: Lang) => void,
  store: PreviewStorage = localStore(),
): PreviewStorage & { lang(): Lang } {
  const langOf = (raw: string | null): Lang | undefined => sanitizeSettings(raw).lang;
  return {
    getItem: (key) => store.getItem(key),
    setItem: (key, value) => {
      store.setItem(key, value);
      const lang = key === SETTINGS_KEY ? langOf(value) : undefined;
      if (lang) onLanguage(lang);
    },
    lang: () => langOf(store.getItem(SETTINGS_KEY)) ?? 'mn',
  };
}
