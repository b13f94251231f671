/** The preview keeps the pane's settings and follows the language the pane saves. */
import { SETTINGS_KEY } from '../../src/host/settings';
import { settingsStorage } from '../../src/preview/storage';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('settingsStorage', () => {
  test('Mongolian until the pane saves another language; then the frame is told', () => {
    const store = memory();
    const told: string[] = [];
    const storage = settingsStorage((l) => told.push(l), store);
    expect(storage.lang()).toBe('mn');
    storage.setItem(SETTINGS_KEY, JSON.stringify({ lang: 'en', scale: { thresholds: [90, 60, 30] } }));
    expect(told).toEqual(['en']);
    expect(storage.lang()).toBe('en');
    expect(storage.getItem(SETTINGS_KEY)).toBe(store.m.get(SETTINGS_KEY));
    storage.setItem('other', '{"lang":"mn"}');
    storage.setItem(SETTINGS_KEY, 'not json');
    expect(told).toEqual(['en']);
  });
});
