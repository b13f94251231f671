/**
 * Mongolian throughout, English throughout: every string of the pane's word lists, in Mongolian,
 * has no Latin-script word that comes from code, and in English no Cyrillic word except the names
 * of ND Plan's own sheets, which are Mongolian in every language.
 */
import { SHEETS } from '../../src/core/plans/consolidation';
import { MARKS_UI } from '../../src/i18n/marks';
import { PREVIEW_TEXT } from '../../src/i18n/preview';
import { UI, type Lang } from '../../src/i18n/ui';

/** Product and format names that are written in Latin script in Mongolian too. */
const LATIN_NAMES = new Set([
  'English',
  'Excel',
  'OneDrive',
  'SharePoint',
  'https',
  'xlsx',
  'Microsoft',
  'ND',
  'Plan',
]);

/** Every string a word list can produce: its strings, and its functions called with sample arguments. */
function strings(value: unknown, sample: string, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const call = (arg: (i: number) => unknown) =>
      (value as (...a: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => arg(i)));
    let out: unknown;
    try {
      out = call((i) => (i % 2 ? 12 : sample));
      if (/NaN|undefined/.test(String(out))) out = call(() => 12); // takes numbers only
    } catch {
      out = call(() => [sample]); // a list of names
    }
    return strings(out, sample, `${path}()`);
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, sample, path ? `${path}.${k}` : k));
  return [];
}

/** Quarters are Roman numerals in Mongolian too («III улирал»). */
const latinWords = (s: string) =>
  (s.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_NAMES.has(w) && !/^[IVX]+$/.test(w));
const ownSheets = new Set<string>(Object.values(SHEETS));
const cyrillicWords = (s: string) =>
  s
    .replace(/[«“"]([^»”"]+)[»”"]/g, (m, name: string) => (ownSheets.has(name) ? '' : m))
    .match(/[\u0400-\u04FF]+/g) ?? [];

describe.each(['mn', 'en'] as Lang[])('%s word lists', (lang) => {
  const all = [UI, PREVIEW_TEXT, MARKS_UI].flatMap((words) =>
    strings(words[lang], lang === 'mn' ? 'Ё' : 'x'),
  );

  test(
    lang === 'mn' ? 'no Latin-script word from code' : 'no Cyrillic word but ND Plan’s own sheet names',
    () => {
      const found = all
        .filter(([path]) => !/^switch|^fields\./.test(path))
        .map(([path, s]) => [path, lang === 'mn' ? latinWords(s) : cyrillicWords(s)] as const)
        .filter(([, words]) => words.length > 0);
      expect(found).toEqual([]);
    },
  );
});
