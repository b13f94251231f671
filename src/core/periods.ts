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

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

const DATE_TOKEN = /^((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})\.?$/;

function quarterNumber(tok: string): number | null {
  const t = tok.trim().toLowerCase();
  if (/^\d$/.test(t)) return Number(t);
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

  // One or two dates separated by space, new line, '-' or '–'.
  const parts = s.split(/\s+-\s+|\s*[\n\s–—]\s*|(?<=\d)-(?=(?:19|20)\d{2}[.\-/])/).filter(Boolean);
  if (parts.length >= 1 && parts.length <= 2 && parts.every((p) => /^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?$/.test(p))) {
    const dates = parts.map((p) => {
      const m = DATE_TOKEN.exec(p)!;
      return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    });
    if (dates.some((d) => d === null)) return { kind: 'invalid', text: s };
    return { kind: 'range', start: dates[0], end: dates[dates.length - 1] };
  }
  if (/^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}/.test(s) && !/[а-яөүё]{3}/i.test(s)) return { kind: 'invalid', text: s };

  // Quarters: I-IV улирал, II, IV улирал, 1-4 улиралд, IV улирал.
  const q = /^([ivx\d][ivx\d\s,\-–]*)\s*(?:-?р\s*)?улирал\S*$/i.exec(s);
  if (q) {
    const body = q[1].trim().replace(/\s*[-–]$/, ''); // "2-р улирал": the hyphen belongs to the suffix
    const quarters: number[] = [];
    for (const piece of body.split(/\s*,\s*/).filter(Boolean)) {
      const range = piece.split(/\s*[-–]\s*/);
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
  if (/(?:жил|сар|улирал|долоо хоног|өдөр|тухай бүр|байнга)/i.test(s) && !/\d{3,}/.test(s)) return { kind: 'text', text: s };
  return { kind: 'invalid', text: s };
}
