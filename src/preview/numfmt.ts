/**
 * Excel number formats, the common part, for the preview's grid: General, 0 / 0.0 / #,##0.00,
 * percent, literal text, sections for negative and zero values, text sections and dates.
 * Colours and conditions in brackets are dropped; the text is what Excel would show.
 */

type Token =
  | { t: 'lit'; v: string }
  | { t: 'num'; v: string }
  | { t: 'pct' }
  | { t: 'exp'; v: string }
  | { t: 'date'; v: string }
  | { t: 'text' }
  | { t: 'general' };

/** Sections of a format, split at `;` outside quotes. */
export function sections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      cur += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\') {
      cur += format.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const DATE_LETTERS = /[ymdhsYMDHS]/;

function tokenize(section: string): Token[] {
  const out: Token[] = [];
  const lit = (v: string) => {
    const last = out[out.length - 1];
    if (last?.t === 'lit') last.v += v;
    else out.push({ t: 'lit', v });
  };
  for (let i = 0; i < section.length;) {
    const ch = section[i];
    const rest = section.slice(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      lit(section.slice(i + 1, stop));
      i = stop + 1;
    } else if (ch === '\\') {
      lit(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '_') {
      lit(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2; // fill character: no room for it in a preview
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (inner.startsWith('$')) lit(inner.slice(1).split('-')[0]);
      else if (/^[hms]+$/i.test(inner)) out.push({ t: 'date', v: inner.toLowerCase() });
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '@') {
      out.push({ t: 'text' });
      i++;
    } else if (/^general/i.test(rest)) {
      out.push({ t: 'general' });
      i += 7;
    } else if (/^(AM\/PM|A\/P)/i.test(rest)) {
      const m = /^(AM\/PM|A\/P)/i.exec(rest)![0];
      out.push({ t: 'date', v: m.toUpperCase() });
      i += m.length;
    } else if ('0#?.,'.includes(ch)) {
      let j = i;
      while (j < section.length && '0#?.,'.includes(section[j])) j++;
      out.push({ t: 'num', v: section.slice(i, j) });
      i = j;
    } else if (ch === '%') {
      out.push({ t: 'pct' });
      i++;
    } else if ((ch === 'E' || ch === 'e') && (section[i + 1] === '+' || section[i + 1] === '-')) {
      let j = i + 2;
      while (j < section.length && '0#'.includes(section[j])) j++;
      out.push({ t: 'exp', v: section.slice(i, j) });
      i = j;
    } else if (DATE_LETTERS.test(ch)) {
      let j = i;
      while (j < section.length && section[j].toLowerCase() === ch.toLowerCase()) j++;
      out.push({ t: 'date', v: section.slice(i, j).toLowerCase() });
      i = j;
    } else {
      lit(ch);
      i++;
    }
  }
  return out;
}

/** Rounds half away from zero, as Excel does (no binary surprises such as 1.005 → 1.00). */
export function roundHalfAway(x: number, digits: number): number {
  const sign = x < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(x)}e${digits}`);
  return sign * Number(`${Math.round(shifted)}e-${digits}`) || 0;
}

/** Excel's General format: integers as they are, up to ten significant digits otherwise. */
export function formatGeneral(x: number): string {
  if (!Number.isFinite(x)) return '#NUM!';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [m, e] = x.toExponential(5).split('e');
    const mantissa = String(parseFloat(m));
    const exp = Number(e);
    return `${mantissa}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(parseFloat(x.toPrecision(10)));
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatDigits(abs: number, pattern: string): string {
  const dot = pattern.indexOf('.');
  let intPart = dot < 0 ? pattern : pattern.slice(0, dot);
  const fracPart = dot < 0 ? '' : pattern.slice(dot + 1).replace(/,/g, '');
  // Commas after the last digit placeholder divide by a thousand each.
  const scale = /,+$/.exec(intPart)?.[0].length ?? 0;
  if (dot < 0 && scale) intPart = intPart.slice(0, -scale);
  const value = abs / 1000 ** (dot < 0 ? scale : 0);
  const grouping = intPart.includes(',');
  const minInt = (intPart.match(/0/g) ?? []).length;
  const decimals = (fracPart.match(/[0#?]/g) ?? []).length;
  const minDec = (fracPart.match(/0/g) ?? []).length;
  const fixed = roundHalfAway(value, decimals).toFixed(decimals);
  let [int, frac = ''] = fixed.split('.');
  while (frac.length > minDec && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  if (grouping) int = groupThousands(int);
  return dot < 0 ? int : `${int}.${frac}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A serial number (1900 or 1904 system) as a UTC date. */
export function serialToDate(serial: number, date1904 = false): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86400000));
}

function formatDate(d: Date, tokens: Token[]): string {
  const twelve = tokens.some((t) => t.t === 'date' && (t.v === 'AM/PM' || t.v === 'A/P'));
  const dates = tokens.filter((t) => t.t === 'date') as { t: 'date'; v: string }[];
  let out = '';
  tokens.forEach((tok) => {
    if (tok.t === 'lit') out += tok.v;
    else if (tok.t === 'num')
      out += tok.v.replace(/[0#?]/g, '0'); // ".0" after seconds: tenths, rarely used
    else if (tok.t === 'pct') out += '%';
    else if (tok.t === 'date') {
      const v = tok.v;
      const idx = dates.indexOf(tok);
      const prev = dates[idx - 1]?.v ?? '';
      const next = dates[idx + 1]?.v ?? '';
      const hours = d.getUTCHours();
      if (v[0] === 'y') out += v.length <= 2 ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear());
      else if (v[0] === 'm' && (prev[0] === 'h' || next[0] === 's' || v === '[mm]' || v === '[m]'))
        out += v.length >= 2 ? pad(d.getUTCMinutes()) : String(d.getUTCMinutes());
      else if (v[0] === 'm') {
        const m = d.getUTCMonth();
        out +=
          v.length === 1
            ? String(m + 1)
            : v.length === 2
              ? pad(m + 1)
              : v.length === 3
                ? MONTHS[m].slice(0, 3)
                : v.length === 5
                  ? MONTHS[m][0]
                  : MONTHS[m];
      } else if (v[0] === 'd') {
        out +=
          v.length === 1
            ? String(d.getUTCDate())
            : v.length === 2
              ? pad(d.getUTCDate())
              : v.length === 3
                ? DAYS[d.getUTCDay()].slice(0, 3)
                : DAYS[d.getUTCDay()];
      } else if (v[0] === 'h') {
        const h = twelve ? hours % 12 || 12 : hours;
        out += v.length >= 2 ? pad(h) : String(h);
      } else if (v[0] === 's') out += v.length >= 2 ? pad(d.getUTCSeconds()) : String(d.getUTCSeconds());
      else if (v === 'AM/PM') out += hours < 12 ? 'AM' : 'PM';
      else if (v === 'A/P') out += hours < 12 ? 'A' : 'P';
    }
  });
  return out;
}

const isDateFormat = (tokens: Token[]) => tokens.some((t) => t.t === 'date');

/** True when a format shows dates or times. */
export function isDateFormatCode(format: string | undefined): boolean {
  return !!format && isDateFormat(tokenize(sections(format)[0]));
}

/** A number (or a date) as the format shows it. */
export function formatNumber(value: number | Date, format: string | undefined, date1904 = false): string {
  const code = format?.trim() || 'General';
  const secs = sections(code);
  const num = value instanceof Date ? NaN : value;
  let section = secs[0];
  let signed = true;
  if (!(value instanceof Date)) {
    if (num < 0 && secs.length >= 2 && secs[1] !== '') {
      section = secs[1];
      signed = false;
    } else if (num === 0 && secs.length >= 3) {
      section = secs[2];
    }
  }
  const tokens = tokenize(section);
  if (value instanceof Date || isDateFormat(tokens)) {
    const d = value instanceof Date ? value : serialToDate(num, date1904);
    if (Number.isNaN(d.getTime())) return '';
    return formatDate(d, tokens);
  }
  if (tokens.length === 0 && section === '') return '';
  const abs = Math.abs(num);
  const percents = tokens.filter((t) => t.t === 'pct').length;
  const scaled = abs * 100 ** percents;
  const hasDigits = tokens.some((t) => t.t === 'num' && /[0#?]/.test(t.v));
  let out = '';
  let placed = false;
  let negative = signed && num < 0;
  for (const tok of tokens) {
    if (tok.t === 'lit') out += tok.v;
    else if (tok.t === 'pct') out += '%';
    else if (tok.t === 'text') out += formatGeneral(num);
    else if (tok.t === 'general') {
      out += formatGeneral(num < 0 && !signed ? abs : num);
      negative = false;
    } else if (tok.t === 'num' && !placed && /[0#?]/.test(tok.v)) {
      const exp = tokens.find((t) => t.t === 'exp') as { t: 'exp'; v: string } | undefined;
      if (exp) {
        const decimals = (tok.v.split('.')[1] ?? '').length;
        const [m, e] = scaled.toExponential(decimals).split('e');
        const digits = exp.v.length - 2;
        out += `${m}E${Number(e) < 0 ? '-' : exp.v[1] === '+' ? '+' : ''}${String(Math.abs(Number(e))).padStart(digits, '0')}`;
      } else {
        out += formatDigits(scaled, tok.v);
      }
      placed = true;
    } else if (tok.t === 'num' && !hasDigits) out += tok.v;
  }
  if (negative && /[1-9]/.test(out)) out = `-${out}`;
  return out;
}

/** Text in a cell: a format's text section (the fourth, or a single section with `@`) wraps it. */
export function formatText(text: string, format: string | undefined): string {
  if (!format) return text;
  const secs = sections(format);
  const section = secs.length >= 4 ? secs[3] : secs.length === 1 && secs[0].includes('@') ? secs[0] : null;
  if (section === null) return text;
  return tokenize(section)
    .map((t) => (t.t === 'text' ? text : t.t === 'lit' ? t.v : ''))
    .join('');
}
