/** Text helpers shared by recognition, parsing and comparison. */

/** Latin letters that look like Cyrillic ones, as typed by mistake in Mongolian text. */
const LOOKALIKE: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
};
const LOOKALIKE_RE = /[ABCEHKMOPTXYacepoxy]/g;

/** Folds Latin look-alikes into Cyrillic (`X, Ш` → `Х, Ш`). Only for words, never for numbers or codes. */
export function foldLookalikes(s: string): string {
  return s.replace(LOOKALIKE_RE, (ch) => LOOKALIKE[ch] ?? ch);
}

/** Short texts only (labels, codes, periods, numbers): caching every narrative made the cache grow with the sheet and kept the GC busy. */
const normCache = new Map<string, string>();
const CACHED_LENGTH = 64;
const CACHE_ENTRIES = 50_000;

// A literal in a function body is a new RegExp object at every call: the hot ones live here.
const U_RE = /[ү]/g;
const O_RE = /[ө]/g;
const YO_RE = /ё/g;
const NUMERO_RE = /№/g;
const DROPPED_RE = /[\u00AD\s\p{P}\p{S}]/gu;

function normalizeText(s: string): string {
  return foldLookalikes(s)
    .toLowerCase()
    .replace(U_RE, 'у')
    .replace(O_RE, 'о')
    .replace(YO_RE, 'е')
    .replace(NUMERO_RE, 'дд')
    .replace(DROPPED_RE, '');
}

/**
 * The normalized form used to match labels and compare texts: lower case, soft hyphens,
 * spaces and punctuation removed, ү→у, ө→о, ё→е folded, Latin look-alikes folded.
 * "Гүйцэ тгэлийн хувь" and "Гүйцэтгэлийн хувь" normalize alike.
 */
export function normalize(s: string): string {
  if (s.length > CACHED_LENGTH) return normalizeText(s);
  const hit = normCache.get(s);
  if (hit !== undefined) return hit;
  const out = normalizeText(s);
  if (normCache.size >= CACHE_ENTRIES) normCache.clear();
  normCache.set(s, out);
  return out;
}

/** The normalized form of each BMP character (normalize maps character by character), filled on first use. */
const CHAR_FORM: (string | undefined)[] = new Array<string | undefined>(0x10000);

/** Capital sigma lowercases by context and astral characters come in pairs: such texts are normalized whole. */
const bycharacter = (c: number) => c !== 0x3a3 && (c < 0xd800 || c > 0xdfff);

function charForm(c: number): string {
  let form = CHAR_FORM[c];
  if (form === undefined) form = CHAR_FORM[c] = normalizeText(String.fromCharCode(c));
  return form;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  end: boolean;
}

/**
 * A set of normalized labels asked about raw texts: has(s) is set.has(normalize(s)), walking s
 * character by character and giving up at the first one no label continues with, without
 * normalizing or allocating. The label and signature tests run on every cell of every row, and
 * most cells are narratives or figures.
 */
export class NormalizedSet {
  private readonly root: TrieNode = { next: new Map(), end: false };
  private readonly labels: Set<string>;

  constructor(normalized: Iterable<string>) {
    this.labels = new Set(normalized);
    for (const label of this.labels) {
      let node = this.root;
      for (let i = 0; i < label.length; i++) {
        const c = label.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map(), end: false }));
        node = child;
      }
      node.end = true;
    }
  }

  has(s: string): boolean {
    let node = this.root;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!bycharacter(c)) return this.labels.has(normalize(s));
      const form = charForm(c);
      for (let j = 0; j < form.length; j++) {
        const child = node.next.get(form.charCodeAt(j));
        if (!child) return false;
        node = child;
      }
    }
    return node.end;
  }
}

/** Words of a text in normalized form (for word-level similarity). */
export function normalizedWords(s: string): string[] {
  return s
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => normalize(w))
    .filter((w) => w.length > 1);
}

/** Anything to collapse (two new lines in a row are let through to the replacements too: one alternative fewer scans faster). */
const UNCLEAN_RE = /[\t\u00A0\u202F]|[ \n][ \n]/;
const SPACES_RE = /[ \t\u00A0\u202F]+/g;
const NEWLINE_RE = / *\n */g;

/** Collapses runs of white space (not new lines) and trims. */
export function cleanText(s: string): string {
  // Most cells need nothing: skip the replacements unless there is something to collapse.
  if (!UNCLEAN_RE.test(s)) return s.trim();
  return s.replace(SPACES_RE, ' ').replace(NEWLINE_RE, '\n').trim();
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
export const SECTION_WORDS = [
  'нэг',
  'хоер',
  'гурав',
  'доров',
  'тав',
  'зургаа',
  'долоо',
  'найм',
  'ес',
  'арав',
];

/** Starts with an uppercase letter (Cyrillic or Latin). */
export function startsUpper(s: string): boolean {
  const ch = s.trim().charAt(0);
  return ch !== '' && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
