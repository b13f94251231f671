/** Text helpers shared by recognition, parsing and comparison. */

/** Latin letters that look like Cyrillic ones, as typed by mistake in Mongolian text. */
const LOOKALIKE: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у',
};
const LOOKALIKE_RE = /[ABCEHKMOPTXYacepoxy]/g;

/** Folds Latin look-alikes into Cyrillic (`X, Ш` → `Х, Ш`). Only for words, never for numbers or codes. */
export function foldLookalikes(s: string): string {
  return s.replace(LOOKALIKE_RE, (ch) => LOOKALIKE[ch] ?? ch);
}

const normCache = new Map<string, string>();

/**
 * The normalized form used to match labels and compare texts: lower case, soft hyphens,
 * spaces and punctuation removed, ү→у, ө→о, ё→е folded, Latin look-alikes folded.
 * "Гүйцэ тгэлийн хувь" and "Гүйцэтгэлийн хувь" normalize alike.
 */
export function normalize(s: string): string {
  const hit = normCache.get(s);
  if (hit !== undefined) return hit;
  const out = foldLookalikes(s)
    .toLowerCase()
    .replace(/[ү]/g, 'у')
    .replace(/[ө]/g, 'о')
    .replace(/ё/g, 'е')
    .replace(/№/g, 'дд')
    .replace(/[\u00AD\s\p{P}\p{S}]/gu, '');
  if (normCache.size > 200_000) normCache.clear();
  normCache.set(s, out);
  return out;
}

/** Words of a text in normalized form (for word-level similarity). */
export function normalizedWords(s: string): string[] {
  return s
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => normalize(w))
    .filter((w) => w.length > 1);
}

/** Collapses runs of white space (not new lines) and trims. */
export function cleanText(s: string): string {
  // Most cells need nothing: skip the replacements unless there is something to collapse.
  if (!/[\t\u00A0\u202F]| {2}| \n|\n /.test(s)) return s.trim();
  return s.replace(/[ \t\u00A0\u202F]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** Cell value as display text (numbers as Excel would show them in General format). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e10) / 1e10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Round half-up (away from zero) to `digits` decimals, robust to binary fractions like 65.65. */
export function roundHalfUp(x: number, digits = 1): number {
  const f = 10 ** digits;
  const y = Math.abs(x) * f;
  const r = Math.floor(y + 0.5 + 1e-9);
  return (Math.sign(x) * r) / f;
}

export function truncate(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.trunc(x * f + Math.sign(x) * 1e-9) / f;
}

/** Jaccard similarity of two texts' normalized word sets (0–1). */
export function wordSimilarity(a: string, b: string): number {
  const wa = new Set(normalizedWords(a));
  const wb = new Set(normalizedWords(b));
  if (wa.size === 0 && wb.size === 0) return 1;
  let inter = 0;
  for (const w of wa) if (wb.has(w)) inter++;
  return inter / (wa.size + wb.size - inter);
}

/** Mongolian ordinal words that open top-level sections: НЭГ. ХОЁР. … АРАВ. */
export const SECTION_WORDS = ['нэг', 'хоер', 'гурав', 'доров', 'тав', 'зургаа', 'долоо', 'найм', 'ес', 'арав'];

/** Starts with an uppercase letter (Cyrillic or Latin). */
export function startsUpper(s: string): boolean {
  const ch = s.trim().charAt(0);
  return ch !== '' && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
