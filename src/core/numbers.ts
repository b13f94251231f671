/**
 * Readers for numbers as people type them in Mongolian reports (DESIGN.md section 5) and
 * for the figures of a narrative (section 6 "plain quantities", section 13 "figures").
 */

export interface ParsedNumber {
  value: number;
  /** Could only be read by guessing (several dots, inconsistent separators). */
  ambiguous: boolean;
}

const SPACES = /[ \u00A0\u202F\u2009]/g;
// A literal in a function body is a new RegExp object at every call: the hot ones live here.
const PLAIN_INT = /^\d{1,15}$/;
const MINUS = /^[-−–]/;
const DIGIT_FIRST = /^\d/;
const HAS_SPACE = /[ \u00A0\u202F\u2009]/;
const SPACE_GROUPS = /^\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+(?:[.,]\d+)?$/;
const DIGITS_AND_SEPARATORS = /^\d+(?:[.,]\d+)*$/;
const DOTS = /\./g;
const COMMAS = /,/g;
const SEPARATOR = /[.,]/;
const DIGITS = /\d/g;
const DIGIT = /\d/;
const YEAR_TOKEN = /^(?:19|20)\d{2}$/;
const YEAR_AFTER = /^\s*-?\s*(?:он|(?:19|20)\d{2})/i;
const NO_TOKENS: readonly string[] = Object.freeze([]);
/** Digits joined by dots or commas: every token parseNumberToken can find ambiguous is one. */
const SEPARATED = /(?<![\d.,])\d+(?:[.,]\d+)+/g;
/** `17,823.5`, `1.617,2`: thousands of one kind, the decimal of the other. */
const GROUPED = /^\d{1,3}(?:(?:,\d{3})+\.\d+|(?:\.\d{3})+,\d+)$/;
/** `1,500`: one comma before three digits. */
const COMMA_THOUSANDS = /^\d{1,3},\d{3}$/;
const QUOTED = /"[^"]*"/g;
const PERCENT_SIGN = /%/;
const PERCENT_TEXT = /^([-+]?\d[\d\s.,]*?)\s*(%|хувь|хувиар)?(?:\s*-?\s*(?:тай|тэй|иар|иар|аар|ийн))?\.?$/i;

/**
 * Reads one number token: `17,823.5` `5297,4` `3 356.1` `1 617,2` `64645.6` `32.829.9`
 * `9.598.8` `-12`. Returns null when the token is not a number.
 */
export function parseNumberToken(raw: string): ParsedNumber | null {
  let s = raw.trim();
  if (PLAIN_INT.test(s)) return { value: Number(s), ambiguous: false };
  let sign = 1;
  if (MINUS.test(s)) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  if (!DIGIT_FIRST.test(s)) return null;
  // Spaces are thousands separators only between groups of three digits.
  if (HAS_SPACE.test(s)) {
    if (!SPACE_GROUPS.test(s)) return null;
    s = s.replace(SPACES, '');
  }
  if (!DIGITS_AND_SEPARATORS.test(s)) return null;
  const dots = (s.match(DOTS) || []).length;
  const commas = (s.match(COMMAS) || []).length;
  let value: number;
  let ambiguous = false;
  if (dots === 0 && commas === 0) value = Number(s);
  else if (dots + commas === 1) {
    const [int, frac] = s.split(SEPARATOR);
    // `1,500` could be 1500 or 1.5: read as thousands and say so.
    if (commas === 1 && frac.length === 3 && int.length <= 3 && int !== '0') {
      value = Number(int + frac);
      ambiguous = true;
    } else value = Number(`${int}.${frac}`);
  } else {
    const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
    const decSep = s[lastSep];
    const intPart = s.slice(0, lastSep);
    const frac = s.slice(lastSep + 1);
    const groups = intPart.split(SEPARATOR);
    const groupSeps = intPart.replace(DIGITS, '');
    const consistentGroups = groups.slice(1).every((g) => g.length === 3) && groups[0].length <= 3;
    const oneKind = new Set(groupSeps).size === 1 && !groupSeps.includes(decSep);
    if (consistentGroups && oneKind) {
      // 17,823.5 or 1.617,2: thousands of one kind, decimal of the other.
      value = Number(groups.join('') + '.' + frac);
    } else if (consistentGroups && groupSeps.includes(decSep) && new Set(groupSeps).size === 1) {
      // 32.829.9: every separator is a dot; the last one is taken as the decimal point.
      value = Number(groups.join('') + '.' + frac);
      ambiguous = true;
    } else {
      value = Number(groups.join('') + '.' + frac);
      ambiguous = true;
    }
  }
  if (!Number.isFinite(value)) return null;
  return { value: sign * value, ambiguous };
}

export type FigureKind = 'quantity' | 'percent' | 'threshold';

export interface Figure {
  kind: FigureKind;
  /** In base units (tugrik for amounts with сая/тэрбум/мянга). */
  value: number;
  /** As written. */
  text: string;
  unit: string | null;
  ambiguous: boolean;
  index: number;
}

const UNIT_SCALE: [RegExp, string, number][] = [
  [/^\s*(?:тэрбум|тэрбүм)/i, 'тэрбум', 1e9],
  [/^\s*сая/i, 'сая', 1e6],
  [/^\s*(?:мянган|мянга|мян\.)/i, 'мянга', 1e3],
];

/** Dates written as 2024.01.02, 2024-01-02, 2024/01/02. */
export const DATE_RE = /(?<!\d)((?:19|20)\d{2})[.\-/](0?[1-9]|1[0-2])[.\-/](0?[1-9]|[12]\d|3[01])(?!\d)/g;

/** A number token: groups of three joined by spaces, or digits joined by dots and commas. */
const TOKEN_RE =
  /(?<![\d.,/])(\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)*)(?![\d])/g;

// What follows a number that makes it a date part, ordinal, period or document number.
const NOT_FIGURE_AFTER = new RegExp(
  [
    String.raw`^\s*(?:-\s*\d+\s*)?(?:-?р\s+|-?\s*(?:дугаар|дүгээр)\s*)?сар`, // 02 сарын, 6 дугаар сарын, 1-6 дугаар саруудын
    String.raw`^\s*-?\s*(?:ны|ний|нд|нээс|наас)(?![а-яөүё])`, // 27-ны, 04-нд, 10-ны
    String.raw`^\s*(?:өдөр|өдрийн|өдрөөр)`,
    String.raw`^\s*(?:-?\s*(?:дугаар|дүгээр|дугаартай|дүгээртэй)|-?рт?(?![а-яөүё])|-?\s*тоот)`, // 3 дугаар, 17-р, 5-рт, 47 тоот
    // 1, 17, 36-р хороо; 3 баг; 2 дугаар хороолол: a list of khoroo, bag or district numbers.
    String.raw`^(?:\s*(?:,|болон|ба|-)\s*\d+)*\s*(?:-?\s*(?:р|рт|дугаар|дүгээр)\s*)?(?:хороо|баг(?![а-яөүё]*(?:тай|ш))|дүүрэг|сум)`,
    String.raw`^\s*(?:утас|утсанд|утсаар|утсыг)`, // telephone numbers
    String.raw`^\s*(?:-\s*\d+\s*)?улирал`, // 1-4 улиралд
    String.raw`^\s*\/|^\s*-\s*[А-ЯӨҮЁA-Z]{1,4}-?\d`, // 01/47, 03/НД-22/23
  ].join('|'),
  'i',
);
// What precedes a number that makes it a document number or a day: А/61, 22/23, "сарын 1", №5, the 6 of 1-6.
const NOT_FIGURE_BEFORE =
  /(?:[А-ЯӨҮЁA-Z]{1,3}\s*\/|\/|сарын|№|No\.?|-|утас|утсаар|утасны|тел\.?|факс)\s*:?\s*$/i;
/** `1.2.1`, `4.4.3`: an activity or clause number (no three-digit group), not an amount. */
const CLAUSE_NO = /^\d{1,2}(?:\.\d{1,2}){2,}$/;
const PERCENT_AFTER = /^\s*(?:%|хувь|хувиар|хувийг|хувийн|хувьд|хувиас)/i;
const THRESHOLD_AFTER = /^\s*-?\s*(?:аас|иас|оос|өөс|ээс|ас|ос|с)?\s*(?:доошгүй|багагүй|дээш|илүүгүй)/i;

/**
 * The figures of a text: plain quantities (with their unit scaled to base units),
 * percentages and thresholds. Dates, years, months, days, quarters, ordinals and document
 * numbers are not figures.
 */
const figureCache = new Map<string, Figure[]>();

export function extractFigures(text: string): Figure[] {
  if (!DIGIT.test(text)) return [];
  // The same cell text is read for quantities, thresholds, debt and ambiguity: scan it once.
  const hit = figureCache.get(text);
  if (hit) return hit;
  if (figureCache.size > 50_000) figureCache.clear();
  const out = scanFigures(text);
  figureCache.set(text, out);
  return out;
}

function scanFigures(text: string): Figure[] {
  const masked = text.replace(DATE_RE, (m) => ' '.repeat(m.length));
  const out: Figure[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(masked); m; m = TOKEN_RE.exec(masked)) {
    const tok = m[1];
    const start = m.index;
    const after = masked.slice(start + tok.length, start + tok.length + 40);
    const before = masked.slice(Math.max(0, start - 12), start);
    if (NOT_FIGURE_AFTER.test(after) || NOT_FIGURE_BEFORE.test(before)) continue;
    if (CLAUSE_NO.test(tok)) continue;
    const parsed = parseNumberToken(tok);
    if (!parsed) continue;
    // 2023 онд, 2024 оны, 2025 оноос, 2019-2022: years.
    if (YEAR_TOKEN.test(tok) && YEAR_AFTER.test(after)) continue;
    if (PERCENT_AFTER.test(after)) {
      out.push({
        kind: 'percent',
        value: parsed.value,
        text: tok,
        unit: '%',
        ambiguous: parsed.ambiguous,
        index: start,
      });
      continue;
    }
    if (THRESHOLD_AFTER.test(after)) {
      out.push({
        kind: 'threshold',
        value: parsed.value,
        text: tok,
        unit: null,
        ambiguous: parsed.ambiguous,
        index: start,
      });
      continue;
    }
    let value = parsed.value;
    let unit: string | null = null;
    for (const [re, name, scale] of UNIT_SCALE) {
      if (re.test(after)) {
        value *= scale;
        unit = name;
        break;
      }
    }
    out.push({ kind: 'quantity', value, text: tok, unit, ambiguous: parsed.ambiguous, index: start });
  }
  return out;
}

/** Plain quantities only (section 6). */
export function plainQuantities(text: string): Figure[] {
  return extractFigures(text).filter((f) => f.kind === 'quantity');
}

/** Number tokens of a text that could only be read by guessing (NUMBER_AMBIGUOUS). */
/**
 * One scan for what could read two ways: a comma before three digits, or several separators
 * other than the usual grouping. Most amounts in narratives are written `8,801.5`: reading every
 * such text figure by figure was the largest part of checking a report's cells.
 */
function mayBeAmbiguous(text: string): boolean {
  SEPARATED.lastIndex = 0;
  for (let m = SEPARATED.exec(text); m; m = SEPARATED.exec(text)) {
    const tok = m[0];
    let separators = 0;
    for (let i = 0; i < tok.length; i++)
      if (tok.charCodeAt(i) === 0x2c || tok.charCodeAt(i) === 0x2e) separators++;
    if (separators === 1 ? COMMA_THOUSANDS.test(tok) : !GROUPED.test(tok)) return true;
  }
  return false;
}

export function ambiguousNumbers(text: string): readonly string[] {
  if (!mayBeAmbiguous(text)) return NO_TOKENS;
  return extractFigures(text)
    .filter((f) => f.ambiguous)
    .map((f) => f.text);
}

export type PercentReading =
  | { kind: 'value'; value: number; fromText: boolean }
  | { kind: 'deliberate' }
  | { kind: 'empty' }
  | { kind: 'invalid'; text: string };

const DATE_LIKE = /^\D{0,3}(?:19|20)\d{2}\s*[.\-/]\s*\d{1,2}(?:\s*[.\-/]\s*\d{1,2})?(?!\d)/;
/** Date or time codes of a number format (outside quotes): y, d, h, s; m only beside them. */
const DATE_FORMAT_CODE = /[ydhs]/i;
const BRACKETED = /\[[^\]]*\]/g;
const DELIBERATE = /^(?:[-–—]+|хугацаа\s*болоогүй|үнэлэх\s*боломжгүй|тооцох\s*хугацаа\s*болоогүй|х\/б)$/i;

/**
 * A percent or score cell: `100`, `100%`, `100 хувь`, `100хувь`, `97,9`, `100 %-тай`, or a
 * number with a `%` format (0.9 → 90). `-`, `хугацаа болоогүй`, `үнэлэх боломжгүй` mean
 * deliberately not assessed.
 */
export function readPercent(value: unknown, numberFormat?: string): PercentReading {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'number') {
    const fmt = numberFormat ? numberFormat.replace(QUOTED, '').replace(BRACKETED, '') : '';
    // A date shown as a date is never a percent.
    if (DATE_FORMAT_CODE.test(fmt)) return { kind: 'invalid', text: String(value) };
    const pct = PERCENT_SIGN.test(fmt) ? value * 100 : value;
    return { kind: 'value', value: pct, fromText: false };
  }
  const s = String(value).trim();
  if (s === '') return { kind: 'empty' };
  if (DELIBERATE.test(s)) return { kind: 'deliberate' };
  // A date, a period or a document number is never a percent: "2025.01.02" is not 202,501 %.
  if (DATE_LIKE.test(s)) return { kind: 'invalid', text: s };
  const m = PERCENT_TEXT.exec(s);
  if (m) {
    const n = parseNumberToken(m[1]);
    if (n && !n.ambiguous) return { kind: 'value', value: n.value, fromText: true };
  }
  return { kind: 'invalid', text: s };
}

/** A number cell that may hold text: `5297.4`, `1 617,2`. */
export function readAmount(value: unknown): { value: number; asText: boolean; ambiguous: boolean } | null {
  if (typeof value === 'number') return { value, asText: false, ambiguous: false };
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  const p = parseNumberToken(s);
  return p ? { value: p.value, asText: true, ambiguous: p.ambiguous } : null;
}
