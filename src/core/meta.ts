/** Metadata from the title rows above the header (DESIGN.md section 4, "Metadata"). */
import type { Grid } from './grid';
import type { Meta, Period } from './model';
import { serialToIso } from './periods';
import type { Template } from './templates';
import { cleanText, normalize } from './text';

const DOCUMENT_WORDS = /төлөвлөгөө|биелэлт|тайлан|тодорхойлолт|авлага/i;
const CITATION_WORDS = /тушаал|хавсралт|тогтоол|шийдвэр(?:ийн|ээр)/i;

/** The text rows above the first header, one line per row. */
export function titleLines(grid: Grid, headerTop: number): string[] {
  const out: string[] = [];
  for (let r = grid.top; r < headerTop; r++) {
    const parts = grid.filled(r).map((c) => grid.text(r, c));
    if (parts.length) out.push(cleanText(parts.join(' ')));
  }
  return out;
}

/** The line that names the document, not a decree cited above it. */
export function documentTitle(lines: string[]): string | null {
  return (
    lines.find((l) => DOCUMENT_WORDS.test(l) && !CITATION_WORDS.test(l)) ??
    lines.find((l) => DOCUMENT_WORDS.test(l)) ??
    null
  );
}

const VOWEL_END = /(?:АА|ЯА|ОО|ЭЭ|ӨӨ|УУ|ҮҮ|ИЙ|АЙ|ОЙ|УЙ|ЭЙ|ЮУ|ЯЯ|ЕЕ|Н)$/i;

/** Removes the genitive suffix of a name: ХУЛАНГИЙН → ХУЛАН, АРИУНТУНГАЛАГИЙН → АРИУНТУНГАЛАГ. */
export function stripGenitive(name: string): string {
  const g = /^(.+?)(ГИЙН|гийн)$/.exec(name);
  if (g && VOWEL_END.test(g[1])) return g[1];
  const m =
    /^(.+?)(ИЙН|ЫН|ийн|ын)$/.exec(name) ??
    /^(.+[Нн])([Ыы])$/.exec(name) ??
    /^(.+?[БВГДЖЗЛМНРСТХЦЧШбвгджзлмнрстхцчш])(ИЙ|ий)$/.exec(name); // ОЮУНЫ → ОЮУН; БОЛДЫН; ТӨМӨРИЙ; ЭНХЖИН stays
  if (m && m[1].length >= 2) return m[1];
  return name;
}

const PERSON_RE = /(?<![А-ЯӨҮЁа-яөүё])([А-ЯӨҮЁ]{1,2})\.\s?([А-ЯӨҮЁ][А-ЯӨҮЁа-яөүё-]{2,})/;

function periodOf(title: string): Period | null {
  const n = normalize(title);
  if (n.includes('хагасжил')) return 'H1';
  const q = /(?<![a-zа-я])(iv|iii|ii|i|1|2|3|4)\s*(?:-?р|дүгээр|дугаар)?\s*улира?л/i.exec(title);
  if (q) {
    const map: Record<string, Period> = {
      i: 'Q1',
      '1': 'Q1',
      ii: 'Q2',
      '2': 'Q2',
      iii: 'Q3',
      '3': 'Q3',
      iv: 'Q4',
      '4': 'Q4',
    };
    return map[q[1].toLowerCase()] ?? null;
  }
  return null;
}

function yearOf(text: string): number | null {
  const m = /(?<!\d)(20\d{2})(?!\d)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** A `label: value` pair above the header: the value beside the label or after its colon. */
function labelled(grid: Grid, headerTop: number, labels: string[] | undefined): string | number | null {
  if (!labels?.length) return null;
  const wanted = labels.map(normalize);
  for (let r = grid.top; r < headerTop; r++) {
    const cols = grid.filled(r);
    for (let i = 0; i < cols.length; i++) {
      const text = grid.text(r, cols[i]);
      const [label, after] = text.split(/:(.*)/s);
      if (!wanted.some((w) => normalize(label).startsWith(w))) continue;
      if (after && after.trim()) return after.trim();
      const next = cols[i + 1];
      const v = next !== undefined ? grid.value(r, next) : null;
      if (typeof v === 'string' || typeof v === 'number') return v;
    }
  }
  return null;
}

export function extractMeta(
  grid: Grid,
  headerTop: number,
  template: Template | null,
): { meta: Meta; title: string | null } {
  const lines = titleLines(grid, headerTop);
  const title = documentTitle(lines);
  const meta: Meta = { year: null, period: null, kind: null, person: null, unit: null };
  if (title) {
    meta.year = yearOf(title);
    if (/биелэлт|тайлан/i.test(title)) meta.kind = 'report';
    else if (/төлөвлөгөө/i.test(title)) meta.kind = 'plan';
    meta.period = periodOf(title);
    const p = PERSON_RE.exec(title);
    if (p) {
      meta.person = `${p[1]}.${stripGenitive(p[2])}`;
      const before = cleanText(title.slice(0, p.index)).replace(/[,;:]$/, '');
      meta.unit = before || null;
    }
  }
  if (!meta.kind && template?.kind) meta.kind = template.kind;
  if (!meta.period && meta.kind && meta.year) meta.period = 'FY';
  const labels = template?.metaLabels;
  if (labels) {
    const unit = labelled(grid, headerTop, labels.unit);
    if (unit !== null) meta.unit = String(unit);
    const position = labelled(grid, headerTop, labels.position);
    if (position !== null) meta.position = String(position);
    const approved = labelled(grid, headerTop, labels.year);
    if (approved !== null) {
      const y = typeof approved === 'number' ? yearOf(serialToIso(approved)) : yearOf(String(approved));
      if (y) meta.year = y;
    }
  }
  if (!meta.year) meta.year = yearOf(lines.filter((l) => !CITATION_WORDS.test(l)).join(' '));
  return { meta, title };
}
