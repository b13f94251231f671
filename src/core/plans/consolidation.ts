/**
 * Write plans of a consolidation: "Нэгтгэл" (values only, one row per activity),
 * "Товчоо" (evaluation summary with a chart) and "Авлага" (debt per unit with a chart).
 */
import { DEBT_COLUMNS, ROW_COLUMNS, type ConsolidationState, type SheetColumn } from '../consolidate';
import { DEFAULT_SETTINGS, type Settings } from '../measure';
import { debtByUnit, evaluationSummary } from '../summary';
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

function dataSheet<T>(sheet: string, columns: SheetColumn<T>[], rows: T[]): WriteOp[] {
  const body = rows.map((r) => columns.map((c) => (r[c.id] ?? null) as CellValue));
  const ops: WriteOp[] = [{ op: 'addSheet', sheet, clear: true }, ...tableBlock(sheet, 1, 1, columns.map((c) => c.mn), body, columns.map((c) => c.width))];
  columns.forEach((c, i) => {
    if (c.kind === 'percent' && rows.length) ops.push({ op: 'setNumberFormat', sheet, range: range(2, i + 1, rows.length + 1, i + 1), format: '0.0' });
  });
  ops.push({ op: 'freeze', sheet, rows: 1, cols: 0 });
  return ops;
}

export function planConsolidation(state: ConsolidationState, settings: Settings = DEFAULT_SETTINGS): WritePlan {
  const ops: WriteOp[] = [];
  ops.push(...dataSheet(SHEETS.rows, ROW_COLUMNS, state.rows));
  const pct = ROW_COLUMNS.findIndex((c) => c.id === 'percent') + 1;
  if (state.rows.length) ops.push({ op: 'bucketColors', sheet: SHEETS.rows, range: range(2, pct, state.rows.length + 1, pct), rules: bucketRules(settings) });
  ops.push(...summarySheet(state, settings));
  ops.push(...debtSheet(state));
  return { ops };
}

function summarySheet(state: ConsolidationState, settings: Settings): WriteOp[] {
  const sheet = SHEETS.summary;
  const s = evaluationSummary(state.rows, settings);
  const labels = LEVEL_LABELS(settings);
  const levels = ['100', '70', '30', '0', '-'] as const;
  const header = ['Нэгж', 'Албан хаагч', 'Арга хэмжээ', 'Үнэлсэн', 'Дундаж (%)', ...levels.map((l) => labels[l])];
  const ops: WriteOp[] = [{ op: 'addSheet', sheet, clear: true }, ...titleOps(sheet, 1, 1, header.length, 'ГҮЙЦЭТГЭЛИЙН ҮНЭЛГЭЭНИЙ ТОВЧОО')];
  const unitRows: CellValue[][] = s.units.map((u) => [u.unit, u.person, u.activities, u.assessed, u.average, ...levels.map((l) => u.buckets[l])]);
  const o = s.overall;
  unitRows.push(['Нийт', '', o.activities, o.assessed, o.average, ...levels.map((l) => o.buckets[l])]);
  const top = 3;
  ops.push(...tableBlock(sheet, top, 1, header, unitRows, [30, 20, 11, 10, 11, 13, 13, 13, 13, 13]));
  const last = top + unitRows.length;
  ops.push(
    { op: 'setFont', sheet, range: range(last, 1, last, header.length), bold: true },
    { op: 'setNumberFormat', sheet, range: range(top + 1, 5, last, 5), format: '0.0' },
    { op: 'bucketColors', sheet, range: range(top + 1, 5, last, 5), rules: bucketRules(settings) },
  );
  if (s.units.length) {
    ops.push({ op: 'dataBar', sheet, range: range(top + 1, 5, last - 1, 5), color: COLORS.bar });
    ops.push({
      op: 'addChart',
      sheet,
      name: 'CompletionByUnit',
      kind: 'bar',
      title: 'Нэгжийн гүйцэтгэлийн дундаж хувь',
      categories: range(top + 1, 1, last - 1, 1),
      series: [{ name: 'Дундаж (%)', values: range(top + 1, 5, last - 1, 5) }],
      anchor: range(top, header.length + 2, top + 16, header.length + 9),
    });
  }
  // Per goal, under each unit: the layout of the monitoring reports.
  const r = last + 3;
  ops.push({ op: 'setValues', sheet, row: r - 1, col: 1, values: [['Зорилтоор']] }, { op: 'setFont', sheet, range: range(r - 1, 1), bold: true });
  const goalHeader = ['Нэгж / зорилт', '', 'Арга хэмжээ', 'Үнэлсэн', 'Дундаж (%)', ...levels.map((l) => labels[l])];
  const goalRows: CellValue[][] = [];
  const unitLines: number[] = [];
  for (const u of s.units) {
    unitLines.push(goalRows.length);
    goalRows.push([u.unit, u.person, u.activities, u.assessed, u.average, ...levels.map((l) => u.buckets[l])]);
    for (const g of u.goals) goalRows.push([g.goal, '', g.activities, g.assessed, g.average, ...levels.map((l) => g.buckets[l])]);
  }
  ops.push(...tableBlock(sheet, r, 1, goalHeader, goalRows));
  for (const i of unitLines) ops.push({ op: 'setFont', sheet, range: range(r + 1 + i, 1, r + 1 + i, header.length), bold: true }, { op: 'setFill', sheet, range: range(r + 1 + i, 1, r + 1 + i, header.length), color: COLORS.section });
  if (goalRows.length) ops.push({ op: 'setNumberFormat', sheet, range: range(r + 1, 5, r + goalRows.length, 5), format: '0.0' });
  ops.push(landscape(sheet, { from: top, to: top }));
  return ops;
}

function debtSheet(state: ConsolidationState): WriteOp[] {
  const sheet = SHEETS.debt;
  const ops = dataSheet(sheet, DEBT_COLUMNS, state.debt);
  const lines = debtByUnit(state.debt);
  if (lines.length) {
    const ratioCol = DEBT_COLUMNS.findIndex((c) => c.id === 'collectionRatio') + 1;
    const reductionCol = DEBT_COLUMNS.findIndex((c) => c.id === 'reductionRatio') + 1;
    const unitCol = DEBT_COLUMNS.findIndex((c) => c.id === 'debtUnit') + 1;
    const bottom = lines.length + 1;
    ops.push(
      { op: 'dataBar', sheet, range: range(2, ratioCol, bottom, ratioCol), color: COLORS.bar },
      { op: 'dataBar', sheet, range: range(2, reductionCol, bottom, reductionCol), color: COLORS.bar },
      {
        op: 'addChart',
        sheet,
        name: 'DebtRatioByUnit',
        kind: 'bar',
        title: 'Авлагын барагдуулалт ба бууралтын хувь, нэгжээр',
        categories: range(2, unitCol, bottom, unitCol),
        series: [
          { name: 'Барагдуулалтын хувь', values: range(2, ratioCol, bottom, ratioCol) },
          { name: 'Бууралтын хувь', values: range(2, reductionCol, bottom, reductionCol) },
        ],
        anchor: range(bottom + 2, 1, bottom + 18, 8),
      },
    );
  }
  ops.push(landscape(sheet, { from: 1, to: 1 }));
  return ops;
}

/** The operations of the consolidation plan for the summary sheet "Товчоо" alone. */
export function summaryPlan(state: ConsolidationState, settings: Settings = DEFAULT_SETTINGS): WritePlan {
  return { ops: planConsolidation(state, settings).ops.filter((op) => op.sheet === SHEETS.summary) };
}
