/** Timing cells: dates, date ranges, quarters and recurring phrases (DESIGN.md section 5). */
import { normalize } from './text';

export type PeriodReading =
  | { kind: 'range'; start: string | null; end: string | null }
  | { kind: 'text'; text: string; quarters?: number[] }
  | { kind: 'empty' }
  | { kind: 'invalid'; text: string };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6 };
const RECURRING = ['сарбур', 'улиралбур', 'жилдээ', 'тухайбур', 'жилбур', 'байнга', 'тогтмол', 'жилийнэцэст', 'хагасжилд', 'хагасжилбур'].map(
  (s) => normalize(s),
);

/** An Excel date serial (1900 system) as ISO yyyy-mm-dd. */
export function serialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  // Four-digit years by arithmetic (a Date per cell of a 20,000-row sheet was a visible cost).
  if (y >= 1000 && y <= 9999) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1])) return null;
    return `${y}-${two(m)}-${two(d)}`;
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

const DATE_TOKEN = /^((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})\.?$/;
// A literal in a function body is a new RegExp object at every call: readPeriod's live here.
/** The common cell, "2024.01.02" or "2024.01.02\n2024.12.03", read in one match (the split below reads it alike). */
const DATE_OR_TWO = /^((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:\n((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2}))?$/;
const DATE_SEPARATOR = /\s+-\s+|\s*[\n\s–—]\s*|(?<=\d)-(?=(?:19|20)\d{2}[.\-/])/;
const DATE_PART = /^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?$/;
const DATE_START = /^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}/;
const WORD = /[а-яөүё]{3}/i;
const QUARTERS = /^([ivx\d][ivx\d\s,\-–]*)\s*(?:-?р\s*)?улирал\S*$/i;
const TRAILING_HYPHEN = /\s*[-–]$/;
const COMMA = /\s*,\s*/;
const HYPHEN = /\s*[-–]\s*/;
const ONE_DIGIT = /^\d$/;
const PERIOD_WORDS = /(?:жил|сар|улирал|долоо хоног|өдөр|тухай бүр|байнга)/i;
const LONG_NUMBER = /\d{3,}/;

function quarterNumber(tok: string): number | null {
  const t = tok.trim().toLowerCase();
  if (ONE_DIGIT.test(t)) return Number(t);
  return ROMAN[t] ?? null;
}

/**
 * Reads a timing cell. `isDateFormat` says the numeric value is an Excel date serial.
 */
export function readPeriod(value: unknown, isDateFormat = false): PeriodReading {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'number') {
    if (isDateFormat || (value > 20000 && value < 80000)) {
      const iso = serialToIso(value);
      return { kind: 'range', start: iso, end: iso };
    }
    return { kind: 'invalid', text: String(value) };
  }
  const s = String(value).trim();
  if (!s) return { kind: 'empty' };

  const two = DATE_OR_TWO.exec(s);
  if (two) {
    const start = isoDate(Number(two[1]), Number(two[2]), Number(two[3]));
    const end = two[4] === undefined ? start : isoDate(Number(two[4]), Number(two[5]), Number(two[6]));
    if (start === null || end === null) return { kind: 'invalid', text: s };
    return { kind: 'range', start, end };
  }

  // One or two dates separated by space, new line, '-' or '–'.
  const parts = s.split(DATE_SEPARATOR).filter(Boolean);
  if (parts.length >= 1 && parts.length <= 2 && parts.every((p) => DATE_PART.test(p))) {
    const dates = parts.map((p) => {
      const m = DATE_TOKEN.exec(p)!;
      return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    });
    if (dates.some((d) => d === null)) return { kind: 'invalid', text: s };
    return { kind: 'range', start: dates[0], end: dates[dates.length - 1] };
  }
  if (DATE_START.test(s) && !WORD.test(s)) return { kind: 'invalid', text: s };

  // Quarters: I-IV улирал, II, IV улирал, 1-4 улиралд, IV улирал.
  const q = QUARTERS.exec(s);
  if (q) {
    const body = q[1].trim().replace(TRAILING_HYPHEN, ''); // "2-р улирал": the hyphen belongs to the suffix
    const quarters: number[] = [];
    for (const piece of body.split(COMMA).filter(Boolean)) {
      const range = piece.split(HYPHEN);
      if (range.length > 2) return { kind: 'invalid', text: s };
      const a = quarterNumber(range[0]);
      const b = range.length === 2 ? quarterNumber(range[1]) : a;
      if (a === null || b === null || a < 1 || b > 4 || a > 4 || b < a) return { kind: 'invalid', text: s };
      for (let i = a; i <= b; i++) quarters.push(i);
    }
    return { kind: 'text', text: s, quarters };
  }
  const n = normalize(s);
  if (RECURRING.some((r) => n === r || n.startsWith(r))) return { kind: 'text', text: s };
  // Free text that names a period in words (e.g. "Жилийн турш", "Хагас жил бүр") is accepted as text.
  if (PERIOD_WORDS.test(s) && !LONG_NUMBER.test(s)) return { kind: 'text', text: s };
  return { kind: 'invalid', text: s };
}
