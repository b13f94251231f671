/**
 * Drafts of the next document (DESIGN.md section 13) as write plans: the report from the
 * plan, next year's plan from the report, a plan from a job description. Each draft is
 * laid out in the official layout and formatted as section 9 says; checked, it is the
 * template it claims to be.
 */
import { analyzeSheet } from './analyze';
import type { Activity, Period, SheetAnalysis, TemplateId } from './model';
import { planFormat } from './plans/format';
import type { CellRange, CellValue, SheetSnapshot } from './snapshot';
import { hasRole } from './templates';
import { cleanText } from './text';
import type { WriteOp, WritePlan } from './writeplan';

export class DraftError extends Error {
  constructor(readonly template: TemplateId | null) {
    super(`cannot draft from ${template ?? 'an unrecognized sheet'}`);
    this.name = 'DraftError';
  }
}

const PERIOD_WORDS: Record<Period, string> = {
  H1: 'ЭХНИЙ ХАГАС ЖИЛИЙН ',
  FY: '',
  Q1: 'I УЛИРЛЫН ',
  Q2: 'II УЛИРЛЫН ',
  Q3: 'III УЛИРЛЫН ',
  Q4: 'IV УЛИРЛЫН ',
};

/** A sheet being laid out row by row. */
class Layout {
  readonly rows: CellValue[][] = [];
  readonly merges: CellRange[] = [];
  constructor(readonly width: number) {}

  add(cells: (string | null)[]): number {
    const row: CellValue[] = new Array<CellValue>(this.width).fill(null);
    cells.forEach((c, i) => (row[i] = c === null || c === '' ? null : c));
    this.rows.push(row);
    return this.rows.length;
  }

  blank(): void {
    this.add([]);
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push({ top, left, bottom, right });
  }

  numbering(): void {
    this.add(Array.from({ length: this.width }, (_, i) => String(i + 1)));
  }

  plan(sheet: string): WritePlan {
    const snapshot: SheetSnapshot = {
      name: sheet,
      origin: { row: 1, col: 1 },
      values: this.rows,
      merges: this.merges,
    };
    const ops: WriteOp[] = [
      { op: 'addSheet', sheet },
      { op: 'setValues', sheet, row: 1, col: 1, values: this.rows },
      ...this.merges.map((range): WriteOp => ({ op: 'merge', sheet, range })),
      ...planFormat(snapshot, analyzeSheet(snapshot)).ops,
    ];
    return { ops };
  }
}

const REPORT_HEADER = {
  top: [
    'Д/д',
    'Зорилтыг хэрэгжүүлэх арга хэмжээ',
    'Шалгуур үзүүлэлт',
    'Гүйцэтгэлийн түвшин',
    null,
    null,
    'Эхэлсэн, дууссан хугацаа',
    'Биелэлтийн хувь',
  ],
  bottom: [null, null, null, 'Суурь түвшин', 'Хүрэх түвшин', 'Хүрсэн түвшин (биелэлт)', null, null],
};
const PLAN_HEADER = [
  'Д/д',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Суурь түвшин',
  'Зорилтот түвшин',
  'Хугацаа',
  'Хариуцах нэгж',
];

function reportHeader(l: Layout): void {
  const r = l.add(REPORT_HEADER.top);
  l.add(REPORT_HEADER.bottom);
  for (const c of [1, 2, 3, 7, 8]) l.merge(r, c, r + 1, c);
  l.merge(r, 4, r, 6);
  l.numbering();
}

function planHeader(l: Layout): void {
  l.add(PLAN_HEADER);
  l.numbering();
}

/** The words of the title before the year ("… Ж.АРИУНТУНГАЛАГИЙН"), or the unit and person. */
function titlePrefix(a: SheetAnalysis): string {
  const t = a.title ?? '';
  const m = /(?:19|20)\d{2}\s*(?:ОН|он)/.exec(t);
  if (m && m.index > 0) return cleanText(t.slice(0, m.index));
  return cleanText([a.meta.unit, a.meta.position, a.meta.person].filter(Boolean).join(' '));
}

function periodText(a: Activity, shiftYears = 0): string {
  const p = a.period;
  if (p && 'start' in p && p.start && p.end) {
    const shift = (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number);
      const day = m === 2 && d === 29 && shiftYears % 4 !== 0 ? 28 : d;
      return `${y + shiftYears}.${String(m).padStart(2, '0')}.${String(day).padStart(2, '0')}`;
    };
    return p.start === p.end ? shift(p.start) : `${shift(p.start)}\n${shift(p.end)}`;
  }
  if (p && 'text' in p) return p.text;
  return said(a).fields.period ?? '';
}

/** An activity's texts as its cells say them: a draft copies them exactly. */
function said(a: Activity): Pick<Activity, 'fields' | 'goal' | 'section'> {
  return a.exact ?? a;
}

/** Walks each table's sections, goals and activities in order, emitting rows through `emit`. */
function walk(
  a: SheetAnalysis,
  l: Layout,
  header: (l: Layout) => void,
  activityRow: (x: Activity) => (string | null)[],
  goalText: (x: Activity) => string | null = (x) => said(x).goal,
): void {
  const byRow = new Map(a.activities.map((x) => [x.row, x]));
  a.tables.forEach((t, i) => {
    if (i > 0) {
      l.blank();
      if (t.title) l.add([t.title]);
    }
    header(l);
    let goal: string | null = null;
    for (const row of t.rows) {
      if (row.kind === 'section' && row.text) {
        l.add([row.exact ?? row.text]);
        goal = null;
      } else if (row.kind === 'goal' && row.text) {
        goal = row.exact ?? row.text;
        l.add([goal]);
      } else if (row.kind === 'activity') {
        const x = byRow.get(row.row);
        if (!x) continue;
        const g = goalText(x);
        if (g && g !== goal) {
          l.add([g]);
          goal = g;
        }
        l.add(activityRow(x));
      }
    }
  });
}

function sheetName(base: string): string {
  return base.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** A sheet name not yet taken in the workbook: "Тайлан 2024 H1", then "Тайлан 2024 H1 (2)", … */
export function uniqueSheetName(base: string, taken: string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const clean = sheetName(base);
  if (!used.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const tail = ` (${i})`;
    const name = clean.slice(0, 31 - tail.length) + tail;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** The default names of the drafts, before uniqueSheetName. */
/** Periods as a sheet name says them, in Mongolian like the rest of the sheet («Тайлан 2024 эхний хагас»). */
const PERIOD_IN_NAME: Record<Period, string> = {
  H1: 'эхний хагас',
  FY: 'бүтэн жил',
  Q1: 'I улирал',
  Q2: 'II улирал',
  Q3: 'III улирал',
  Q4: 'IV улирал',
};

export const DRAFT_NAMES = {
  report: (year: number, period: Period) => `Тайлан ${year} ${PERIOD_IN_NAME[period]}`,
  plan: (year: number) => `Төлөвлөгөө ${year}`,
};

/** A report for `period` from a signed plan: achieved and percent left for the author. */
export function draftReport(plan: SheetAnalysis, period: Period, name?: string): WritePlan {
  if (!hasRole(plan.template, 'draft-report')) throw new DraftError(plan.template);
  const year = plan.meta.year ?? new Date().getFullYear();
  const l = new Layout(8);
  l.add([
    `${titlePrefix(plan)} ${year} ОНЫ ${PERIOD_WORDS[period]}ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ`.trim(),
  ]);
  l.blank();
  walk(plan, l, reportHeader, (x) => [
    x.no ?? '',
    said(x).fields.activity ?? '',
    said(x).fields.criterion ?? '',
    said(x).fields.baseline ?? '',
    said(x).fields.target ?? '',
    null,
    periodText(x),
    null,
  ]);
  signature(l, 'ТАЙЛАН ГАРГАСАН:', plan);
  return l.plan(name ?? sheetName(DRAFT_NAMES.report(year, period)));
}

/**
 * Next year's plan from a report: the achieved level becomes the new baseline. From a plan
 * (no achieved column yet), the level it aimed at stands in as the baseline.
 */
export function draftPlanFromReport(report: SheetAnalysis, year: number, name?: string): WritePlan {
  if (!hasRole(report.template, 'draft-plan') || report.template === 'job-description')
    throw new DraftError(report.template);
  const fromPlan = report.template === 'performance-plan';
  const shift = report.meta.year ? year - report.meta.year : 0;
  const l = new Layout(7);
  l.add([`${titlePrefix(report)} ${year} ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ`.trim()]);
  l.blank();
  walk(report, l, planHeader, (x) => {
    const f = said(x).fields;
    return [
      x.no ?? '',
      f.activity ?? '',
      f.criterion ?? '',
      (fromPlan ? f.target : f.achieved) ?? '',
      f.target ?? '',
      periodText(x, shift),
      f.responsible ?? '',
    ];
  });
  signature(l, 'ТӨЛӨВЛӨГӨӨ ГАРГАСАН:', report);
  return l.plan(name ?? sheetName(DRAFT_NAMES.plan(year)));
}

/**
 * A plan from a job description: one goal per job goal (its text from the list of goals
 * above the table when the goal cell only names its number), one activity per function,
 * numbered goal.function, the function's criterion carried, targets left to fill.
 */
export function draftPlanFromJobDescription(
  jd: SheetAnalysis,
  snapshot: SheetSnapshot,
  year: number,
  name?: string,
): WritePlan {
  if (jd.template !== 'job-description') throw new DraftError(jd.template);
  const goals = jobGoals(snapshot, jd.tables[0]?.headerTop ?? 1);
  const goalNo = (g: string | null) => /^(\d+)/.exec(g ?? '')?.[1] ?? null;
  const l = new Layout(7);
  l.add([
    `${[jd.meta.unit, jd.meta.position].filter(Boolean).join(', ')} ${year} ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ`.trim(),
  ]);
  l.blank();
  walk(
    jd,
    l,
    planHeader,
    (x) => {
      const g = goalNo(x.goal);
      const no = x.no ? (g ? `${g}.${x.no}` : x.no) : '';
      const f = said(x).fields;
      const text = (f.activity ?? '').replace(/^\s*\d{1,2}(?:\.\d{1,2})*\.\s*/, '');
      return [no, text, f.criterion ?? '', null, null, null, null];
    },
    (x) => {
      const g = goalNo(x.goal);
      return g && goals.has(g) ? `Зорилт ${g}. ${goals.get(g)}` : said(x).goal;
    },
  );
  signature(l, 'ТӨЛӨВЛӨГӨӨ ГАРГАСАН:', jd);
  return l.plan(name ?? sheetName(DRAFT_NAMES.plan(year)));
}

/** The numbered list of job goals above the functions table ("1. Нийгмийн даатгалын …;"). */
function jobGoals(snapshot: SheetSnapshot, headerTop: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < snapshot.values.length && snapshot.origin.row + i < headerTop; i++) {
    for (const v of snapshot.values[i]) {
      const m = typeof v === 'string' ? /^\s*(\d{1,2})\.\s*(.+?)[;.]?\s*$/s.exec(v) : null;
      if (m) out.set(m[1], cleanText(m[2]));
    }
  }
  return out;
}

function signature(l: Layout, label: string, a: SheetAnalysis): void {
  l.blank();
  l.add([null, label]);
  const who = [a.meta.unit ?? a.meta.position ?? null, a.meta.person].filter(Boolean) as string[];
  if (who.length) l.add([null, who[0], null, null, null, who[1] ?? null]);
}
