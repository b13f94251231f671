/**
 * Write plans of a consolidation: "Нэгтгэл" (values only, one row per activity),
 * "Товчоо" (evaluation summary with a chart) and "Авлага" (debt per unit with a chart).
 */
import {
  DEBT_COLUMNS,
  NAME_LABEL,
  ROW_COLUMNS,
  cellOf,
  type ConsolidatedRow,
  type ConsolidationState,
  type DebtRow,
  type SheetColumn,
} from '../consolidate';
import { PERIOD_LABELS, labelOf } from '../../i18n/labels';
import { DEFAULT_SETTINGS, type Settings } from '../measure';
import { naturalCompare } from '../sort';
import { debtByUnit, evaluationSummary, type SummaryLine, type SummaryRow } from '../summary';
import type { CellValue } from '../snapshot';
import type { WriteOp, WritePlan } from '../writeplan';
import { COLORS, bucketRules, landscape, range, tableBlock, titleOps } from './style';

export const SHEETS = { rows: 'Нэгтгэл', summary: 'Товчоо', debt: 'Авлага' } as const;

export const LEVEL_LABELS = (settings: Settings) => ({
  '100': '100 Бүрэн хэрэгжсэн',
  '70': '70 Хэрэгжих шатандаа',
  '30': `${settings.thirdLevelLabel} Хэрэгжилт хангалтгүй`,
  '0': '0 Хэрэгжээгүй',
  '-': '− Хугацаа болоогүй',
});

/** Numbers as people read them in a signed report: thousands separated, one decimal. */
export const NUMBER_FORMAT = '#,##0.0';

/** Where a data sheet's header row is: under its title and its name line. */
export const HEADER_ROW = 3;

/** Text lines of a wrapped cell of this width (Excel's width unit is about one character). */
function linesOf(v: CellValue, width: number): number {
  if (typeof v !== 'string' || !v) return 1;
  const w = Math.max(1, width - 1);
  // Counted in place: it runs for every cell of a national table.
  let lines = 0;
  for (let from = 0; ;) {
    const nl = v.indexOf('\n', from);
    lines += Math.max(1, Math.ceil(((nl < 0 ? v.length : nl) - from) / w));
    if (nl < 0) return lines;
    from = nl + 1;
  }
}

/** Row heights (points) that fit wrapped text: without them a printed row cuts its text or runs over the next. */
function fitHeights(sheet: string, top: number, rows: CellValue[][], widths: number[]): WriteOp[] {
  return rows.map((r, i) => {
    let lines = 1;
    for (let j = 0; j < r.length; j++) lines = Math.max(lines, linesOf(r[j], widths[j] ?? 10));
    return { op: 'setRowHeight', sheet, row: top + i, height: 15 * lines + 2 };
  });
}

/** "2024 оны Жилийн эцэс" for each year and period the rows hold. */
export function periodsTitle(rows: { year: number | null; period: string }[]): string {
  // Tens of thousands of rows hold a few periods: each distinct one is labelled once.
  const pairs = new Map<string, { year: number | null; period: string }>();
  for (const r of rows) pairs.set(`${r.year}|${r.period}`, r);
  const seen = new Set<string>();
  for (const r of pairs.values()) {
    const period = labelOf(PERIOD_LABELS, r.period);
    seen.add([r.year ? `${r.year} оны` : '', period].filter(Boolean).join(' '));
  }
  return [...seen].filter(Boolean).sort(naturalCompare).join(', ');
}

function headingOps(sheet: string, right: number, title: string, subtitle: string): WriteOp[] {
  const ops = titleOps(sheet, 1, 1, right, title);
  if (subtitle)
    ops.push(
      { op: 'setValues', sheet, row: 2, col: 1, values: [[subtitle]] },
      { op: 'merge', sheet, range: range(2, 1, 2, right) },
      { op: 'setAlignment', sheet, range: range(2, 1, 2, right), horizontal: 'center' },
    );
  return ops;
}

/** Rows written into a table, the first `at` rows below its header. */
export interface Run<T> {
  at: number;
  rows: T[];
}

/**
 * A table a head prints and signs: a title, the consolidating organization's name line, the
 * header, then `count` rows; provenance columns stay on the sheet right of the print area. Only
 * the rows of `runs` are written: a re-push keeps the others as they are in the file.
 */
function dataSheet<T>(
  sheet: string,
  title: string,
  name: string,
  columns: SheetColumn<T>[],
  count: number,
  runs: Run<T>[],
): WriteOp[] {
  const printed = columns.filter((c) => !c.internal).length;
  const values = (rows: T[]) => rows.map((r) => columns.map((c) => cellOf(c, r)));
  const top = HEADER_ROW;
  const last = top + count;
  const ops: WriteOp[] = [{ op: 'addSheet', sheet, clear: true }, ...titleOps(sheet, 1, 1, printed, title)];
  if (name)
    ops.push(
      { op: 'setValues', sheet, row: 2, col: 1, values: [[`${NAME_LABEL} ${name}`]] },
      { op: 'setFont', sheet, range: range(2, 1), bold: true },
    );
  const widths = columns.map((c) => c.width);
  const header = columns.map((c) => c.mn);
  // A run right under the header is written with it, in one block of values.
  const [first, ...rest] = runs[0]?.at === 0 ? runs : [{ at: 0, rows: [] }, ...runs];
  const body = values(first.rows);
  ops.push(...tableBlock(sheet, top, 1, header, body, widths, count));
  // Heights from the printed columns only: the provenance columns do not print.
  const heights = (row: number, rows: CellValue[][]) =>
    fitHeights(
      sheet,
      row,
      rows.map((r) => r.slice(0, printed)),
      widths,
    );
  ops.push(...heights(top, [header, ...body]));
  for (const run of rest) {
    const v = values(run.rows);
    ops.push(
      { op: 'setValues', sheet, row: top + 1 + run.at, col: 1, values: v },
      ...heights(top + 1 + run.at, v),
    );
  }
  if (printed < columns.length)
    ops.push({
      op: 'setFont',
      sheet,
      range: range(top, printed + 1, top, columns.length),
      italic: true,
      color: COLORS.muted,
    });
  columns.forEach((c, i) => {
    if (c.kind && !c.internal && count)
      ops.push({
        op: 'setNumberFormat',
        sheet,
        range: range(top + 1, i + 1, last, i + 1),
        format: NUMBER_FORMAT,
      });
  });
  ops.push({ op: 'freeze', sheet, rows: top, cols: 0 });
  ops.push(landscape(sheet, { from: top, to: top }, range(1, 1, last, printed)));
  return ops;
}

/** What the consolidation's sheets show: every row for the summary, the rows written in full. */
export interface ConsolidationSheets {
  name: string;
  /** Every row of «Нэгтгэл», in its order: the summary, the titles and the table's extent. */
  rows: SummaryRow[];
  /** The rows written into «Нэгтгэл»; the others stay as the file has them. */
  runs: Run<ConsolidatedRow>[];
  debt: DebtRow[];
}

export function planConsolidation(
  state: ConsolidationState,
  settings: Settings = DEFAULT_SETTINGS,
): WritePlan {
  return planConsolidationSheets(
    { name: state.name ?? '', rows: state.rows, runs: [{ at: 0, rows: state.rows }], debt: state.debt },
    settings,
  );
}

export function planConsolidationSheets(
  s: ConsolidationSheets,
  settings: Settings = DEFAULT_SETTINGS,
): WritePlan {
  const ops: WriteOp[] = [];
  const when = periodsTitle(s.rows);
  ops.push(
    ...dataSheet(
      SHEETS.rows,
      ['ГҮЙЦЭТГЭЛИЙН НЭГТГЭЛ', when].filter(Boolean).join(' — '),
      s.name,
      ROW_COLUMNS,
      s.rows.length,
      s.runs,
    ),
  );
  const pct = ROW_COLUMNS.findIndex((c) => c.id === 'percent') + 1;
  if (s.rows.length)
    ops.push({
      op: 'bucketColors',
      sheet: SHEETS.rows,
      range: range(HEADER_ROW + 1, pct, HEADER_ROW + s.rows.length, pct),
      rules: bucketRules(settings),
    });
  ops.push(...summarySheet(s, settings));
  ops.push(...debtSheet(s));
  return { ops };
}

/** «Товчоо» in the layout of the monitoring reports: by direct source, then unit, then goal. */
function summarySheet(state: ConsolidationSheets, settings: Settings): WriteOp[] {
  const sheet = SHEETS.summary;
  const s = evaluationSummary(state.rows, settings);
  const labels = LEVEL_LABELS(settings);
  const levels = ['100', '70', '30', '0', '-'] as const;
  const header = [
    '№',
    'Нэгж',
    'Албан хаагч',
    'Арга хэмжээ',
    'Үнэлсэн',
    'Дундаж (%)',
    ...levels.map((l) => labels[l]),
  ];
  const widths = [5, 32, 18, 11, 10, 11, 13, 13, 13, 13, 13];
  const avgCol = 6;
  const title = [state.name, 'ГҮЙЦЭТГЭЛИЙН ҮНЭЛГЭЭНИЙ ТОВЧОО'].filter(Boolean).join(' — ');
  const ops: WriteOp[] = [
    { op: 'addSheet', sheet, clear: true },
    ...headingOps(sheet, header.length, title, periodsTitle(state.rows)),
  ];
  const figures = (l: SummaryLine): CellValue[] => [
    l.activities,
    l.assessed,
    l.average,
    ...levels.map((k) => l.buckets[k]),
  ];
  const tiered = s.sources.length > 1 || s.sources.some((x) => x.source !== '');
  const body: CellValue[][] = [];
  const strong: number[] = [];
  const unitRows: number[] = [];
  s.sources.forEach((src, i) => {
    if (tiered) {
      strong.push(body.length);
      body.push([String(i + 1), src.source || 'Шууд илгээсэн нэгжүүд', '', ...figures(src)]);
    }
    src.units.forEach((u, j) => {
      unitRows.push(body.length);
      body.push([tiered ? `${i + 1}.${j + 1}` : String(j + 1), u.unit, u.person, ...figures(u)]);
    });
  });
  strong.push(body.length);
  body.push(['', 'Нийт', '', ...figures(s.overall)]);
  const top = 4;
  const last = top + body.length;
  ops.push(
    ...tableBlock(sheet, top, 1, header, body, widths),
    ...fitHeights(sheet, top, [header, ...body], widths),
  );
  for (const i of strong)
    ops.push(
      { op: 'setFont', sheet, range: range(top + 1 + i, 1, top + 1 + i, header.length), bold: true },
      {
        op: 'setFill',
        sheet,
        range: range(top + 1 + i, 1, top + 1 + i, header.length),
        color: COLORS.section,
      },
    );
  ops.push(
    { op: 'setAlignment', sheet, range: range(top + 1, 4, last, header.length), horizontal: 'right' },
    { op: 'setNumberFormat', sheet, range: range(top + 1, avgCol, last, avgCol), format: NUMBER_FORMAT },
    { op: 'bucketColors', sheet, range: range(top + 1, avgCol, last, avgCol), rules: bucketRules(settings) },
  );
  if (unitRows.length) {
    ops.push({ op: 'dataBar', sheet, range: range(top + 1, avgCol, last - 1, avgCol), color: COLORS.bar });
    ops.push({
      op: 'addChart',
      sheet,
      name: 'CompletionByUnit',
      kind: 'bar',
      title: 'Нэгжийн гүйцэтгэлийн дундаж хувь',
      categories: range(top + 1, 2, last - 1, 2),
      series: [{ name: 'Дундаж (%)', values: range(top + 1, avgCol, last - 1, avgCol) }],
      anchor: range(top, header.length + 2, top + 16, header.length + 9),
    });
  }
  // Per goal, under each unit.
  const r = last + 3;
  ops.push(
    { op: 'setValues', sheet, row: r - 1, col: 1, values: [['Зорилтоор']] },
    { op: 'setFont', sheet, range: range(r - 1, 1), bold: true },
  );
  const goalHeader = ['№', 'Нэгж / зорилт', 'Албан хаагч', ...header.slice(3)];
  const goalRows: CellValue[][] = [];
  const unitLines: number[] = [];
  s.units.forEach((u, i) => {
    unitLines.push(goalRows.length);
    goalRows.push([String(i + 1), u.unit, u.person, ...figures(u)]);
    u.goals.forEach((g, j) => goalRows.push([`${i + 1}.${j + 1}`, g.goal, '', ...figures(g)]));
  });
  ops.push(
    ...tableBlock(sheet, r, 1, goalHeader, goalRows),
    ...fitHeights(sheet, r, [goalHeader, ...goalRows], widths),
  );
  for (const i of unitLines)
    ops.push(
      { op: 'setFont', sheet, range: range(r + 1 + i, 1, r + 1 + i, header.length), bold: true },
      { op: 'setFill', sheet, range: range(r + 1 + i, 1, r + 1 + i, header.length), color: COLORS.section },
    );
  if (goalRows.length)
    ops.push(
      {
        op: 'setNumberFormat',
        sheet,
        range: range(r + 1, avgCol, r + goalRows.length, avgCol),
        format: NUMBER_FORMAT,
      },
      {
        op: 'setAlignment',
        sheet,
        range: range(r + 1, 4, r + goalRows.length, header.length),
        horizontal: 'right',
      },
    );
  ops.push(landscape(sheet, { from: top, to: top }, range(1, 1, r + goalRows.length, header.length)));
  return ops;
}

function debtSheet(state: ConsolidationSheets): WriteOp[] {
  const sheet = SHEETS.debt;
  const ops = dataSheet(
    sheet,
    ['АВЛАГЫН БАРАГДУУЛАЛТ', periodsTitle(state.debt)].filter(Boolean).join(' — '),
    state.name,
    DEBT_COLUMNS,
    state.debt.length,
    [{ at: 0, rows: state.debt }],
  );
  const lines = debtByUnit(state.debt);
  if (lines.length) {
    const ratioCol = DEBT_COLUMNS.findIndex((c) => c.id === 'collectionRatio') + 1;
    const reductionCol = DEBT_COLUMNS.findIndex((c) => c.id === 'reductionRatio') + 1;
    const unitCol = DEBT_COLUMNS.findIndex((c) => c.id === 'debtUnit') + 1;
    const top = HEADER_ROW + 1;
    const bottom = HEADER_ROW + lines.length;
    ops.push(
      { op: 'dataBar', sheet, range: range(top, ratioCol, bottom, ratioCol), color: COLORS.bar },
      { op: 'dataBar', sheet, range: range(top, reductionCol, bottom, reductionCol), color: COLORS.bar },
      {
        op: 'addChart',
        sheet,
        name: 'DebtRatioByUnit',
        kind: 'bar',
        title: 'Авлагын барагдуулалт ба бууралтын хувь, нэгжээр',
        categories: range(top, unitCol, bottom, unitCol),
        series: [
          { name: 'Барагдуулалтын хувь', values: range(top, ratioCol, bottom, ratioCol) },
          { name: 'Бууралтын хувь', values: range(top, reductionCol, bottom, reductionCol) },
        ],
        anchor: range(bottom + 2, 1, bottom + 18, 8),
      },
    );
  }
  return ops;
}

/** The operations of the consolidation plan for the summary sheet "Товчоо" alone. */
export function summaryPlan(state: ConsolidationState, settings: Settings = DEFAULT_SETTINGS): WritePlan {
  return { ops: planConsolidation(state, settings).ops.filter((op) => op.sheet === SHEETS.summary) };
}
