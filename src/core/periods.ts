/** Timing cells: dates, date ranges, quarters and recurring phrases (DESIGN.md section 5). */
import { normalize } from './text';

export type PeriodReading =
  | { kind: 'range'; start: string | null; end: string | null }
  | { kind: 'text'; text: string; quarters?: number[] }
  | { kind: 'empty' }
  | {
      kind: 'invalid';
      text: string;
      /** The part that could not be read, when not the whole text. */ part?: string;
    };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6 };
const RECURRING = [
  'сарбур',
  'улиралбур',
  'жилдээ',
  'тухайбур',
  'жилбур',
  'байнга',
  'тогтмол',
  'жилийнэцэст',
  'хагасжилд',
  'хагасжилбур',
].map((s) => normalize(s));

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
const DATE_OR_TWO =
  /^((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:\n((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2}))?$/;
const DATE_SEPARATOR = /\s+-\s+|\s*[\n\s–—]\s*|(?<=\d)-(?=(?:19|20)\d{2}[.\-/])/;
const DATE_PART = /^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?$/;
const QUARTERS = /^([ivx\d][ivx\d\s,\-–]*)\s*(?:-?р\s*)?улирал\S*$/i;
const TRAILING_HYPHEN = /\s*[-–]$/;
const COMMA = /\s*,\s*/;
const HYPHEN = /\s*[-–]\s*/;
const ONE_DIGIT = /^\d$/;

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
  if (RECURRING.some((r) => n === r)) return { kind: 'text', text: s };
  const read = readParts(s);
  // A word it could not read is pointed at; stray digits spoil the whole cell ("2024.01.023").
  if (read.unread !== null)
    return read.unread === s || !LETTER.test(read.unread)
      ? { kind: 'invalid', text: s }
      : { kind: 'invalid', text: s, part: read.unread };
  if (read.onlyDates && read.dates.length > 2) return { kind: 'invalid', text: s };
  // Dates with connectors ("2024.03.01-ээс 2024.06.30 хүртэл"): a range like any other.
  if (read.onlyDates && read.dates.length >= 1)
    return { kind: 'range', start: read.dates[0], end: read.dates[read.dates.length - 1] };
  return { kind: 'text', text: s };
}

const W = '(?![а-яёөүa-z])';
const LETTER = /[а-яёөүa-z]/i;
const QUARTER_NO = '(?:iv|i{1,3}|v|vi|[1-9])';
/** Dates, quarters, months, years and recurring phrases, each a whole word; what is left must be connectors. */
const PERIOD_PARTS = new RegExp(
  [
    String.raw`(?<date>(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2})`,
    String.raw`(?<quarters>${QUARTER_NO}(?:\s*[-–,]\s*${QUARTER_NO})*)\s*(?:-?\s*р\s*|-?\s*(?:дугаар|дүгээр)\s*)?улирал[а-яёөү]*`,
    String.raw`(?<months>\d{1,2}(?:\s*[-–,]\s*\d{1,2})*)\s*(?:-?\s*р\s*|-?\s*(?:дугаар|дүгээр)\s*)?сар(?!\s*бүр)[а-яёөү]*`,
    String.raw`(?:19|20)\d{2}\s*(?:-?\s*(?:он|оны|онд|оноос)${W})`,
    String.raw`(?:нэг|хоёр|гурав|дөрөв|тав|зургаа|долоо|найм|ес|арав|арван\s*нэг|арван\s*хоёр)\s*(?:дугаар|дүгээр)\s*сар[а-яёөү]*`,
    String.raw`(?<day>\d{1,2})\s*-?\s*(?:ны|ний|нд|нээс|наас|ноос)${W}`,
    String.raw`(?:эхний|эцсийн|сүүлийн)\s+(?:сар|улирал|хагас\s+жил)[а-яёөү]*`,
    String.raw`(?:сар|улирал|жил|өдөр|тухай|долоо\s*хоног|7\s*хоног|хагас\s*жил)\s*бүр[а-яёөү]*`,
    String.raw`(?:жилдээ|жилд|жилийн\s+турш|жилийн\s+эцэс[а-яёөү]*|хагас\s+жил[а-яёөү]*|байнга|тогтмол|тухай\s*бүр[а-яёөү]*)${W}`,
  ].join('|'),
  'gi',
);
const CONNECTORS = new RegExp(
  String.raw`(?<![а-яёөүa-z])(?:болон|хүртэл|ба|хооронд|дотор|өмнө|ны|ний|нд|д|ээс|аас|оос)${W}|[\s,.;:()\-–—/]+`,
  'gi',
);

/** The part of a period text that is not a date, quarter range, month, year or recurring phrase (null when all of it reads), and its dates. */
function readParts(s: string): { unread: string | null; dates: string[]; onlyDates: boolean } {
  let bad: string | null = null;
  const dates: string[] = [];
  let onlyDates = true;
  PERIOD_PARTS.lastIndex = 0;
  const rest = s.replace(PERIOD_PARTS, (m: string, ...args: unknown[]) => {
    const g = args[args.length - 1] as Record<string, string | undefined>;
    if (g.date !== undefined) {
      const [y, mo, d] = g.date.split(/[.\-/]/).map(Number);
      const iso = isoDate(y, mo, d);
      if (iso === null) bad ??= m;
      else dates.push(iso);
      return ' ';
    }
    onlyDates = false;
    if (g.quarters !== undefined) {
      if (!validRanges(g.quarters, 4, quarterNumber)) bad ??= m;
    } else if (g.day !== undefined) {
      if (Number(g.day) < 1 || Number(g.day) > 31) bad ??= m;
    } else if (g.months !== undefined) {
      if (!validRanges(g.months, 12, (t) => (/^\d{1,2}$/.test(t.trim()) ? Number(t) : null))) bad ??= m;
    }
    return ' ';
  });
  if (bad !== null) return { unread: bad, dates, onlyDates };
  const left = rest.replace(CONNECTORS, ' ').trim();
  return { unread: left === '' ? null : left, dates, onlyDates };
}

/** `I-IV`, `II, IV`, `1-6`: every number within 1…max, ranges ascending. */
function validRanges(text: string, max: number, read: (t: string) => number | null): boolean {
  for (const piece of text.split(COMMA).filter(Boolean)) {
    const range = piece.split(HYPHEN);
    if (range.length > 2) return false;
    const a = read(range[0]);
    const b = range.length === 2 ? read(range[1]) : a;
    if (a === null || b === null || a < 1 || b > max || a > max || b < a) return false;
  }
  return true;
}
