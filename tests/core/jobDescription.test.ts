/**
 * The job-description template (DESIGN.md sections 3, 4, 7), both header
 * variants: (a) the goal merged over its functions, numbers inside the function text (the
 * sample), (b) the goal written once with a separate № column, numbering restarting per
 * goal (generated from the sample). Responsibility codes in every spelling people use.
 */
import { analyzeSheet } from '../../src/core/analyze';
import { responsibilityCodes } from '../../src/core/checks/responsibilityInvalid';
import type { SheetAnalysis } from '../../src/core/model';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';
import { snapshotsOf } from '../helpers/fixtures';
import { snapshotsOfBuffer, xlsxBuffer, type Cell } from '../helpers/workbook';
import { fixture } from '../helpers/cli';

const GOAL_SIZES = [2, 4, 4, 3, 9];
const RESPONSIBILITY_HEADER = 'Хариуцлага, оролцооны хэлбэр Туслах-Т, Гүйцэтгэх-Г Хянах-Х Шийдвэрлэх-Ш';

let sample: SheetSnapshot;

/** Variant (b): goal written once (not merged), a № column, numbers restarting per goal. */
async function separateNumberVariant(): Promise<SheetSnapshot> {
  const v = (r: number, c: number): CellValue =>
    sample.values[r - sample.origin.row]?.[c - sample.origin.col] ?? null;
  const rows: Cell[][] = [];
  for (let r = 1; r <= 17; r++) rows.push([v(r, 1), v(r, 2), v(r, 3), v(r, 4)] as Cell[]);
  rows.push([
    'Зорилт',
    '№',
    'Албан тушаалын гүйцэтгэх чиг үүрэг',
    'Гүйцэтгэлийн шалгуур үзүүлэлт',
    RESPONSIBILITY_HEADER,
  ]);
  for (let r = 19; r <= 41; r++) {
    const text = String(v(r, 2) ?? '');
    const m = /^\s*(\d+)\.\s*(.*)$/s.exec(text);
    rows.push([v(r, 1), m ? Number(m[1]) : null, m ? m[2] : text, v(r, 3), v(r, 4)] as Cell[]);
  }
  for (let r = 42; r <= 46; r++) rows.push([v(r, 1), v(r, 2)] as Cell[]);
  const [snap] = await snapshotsOfBuffer(
    await xlsxBuffer([{ name: 'АТТ', rows, merges: ['A2:D2'] }]),
    'job-description-b.xlsx',
  );
  return snap;
}

function withCell(snap: SheetSnapshot, row: number, col: number, value: CellValue): SheetSnapshot {
  const values = snap.values.map((r) => [...r]);
  values[row - snap.origin.row][col - snap.origin.col] = value;
  const valueTypes = snap.valueTypes?.map((r) => [...r]);
  if (valueTypes)
    valueTypes[row - snap.origin.row][col - snap.origin.col] = value === null ? 'Empty' : 'String';
  return { ...snap, values, valueTypes };
}

const issuesAt = (a: SheetAnalysis, code: string) =>
  a.issues.filter((i) => i.code === code).map((i) => `${i.column}${i.row}`);

beforeAll(async () => {
  [sample] = await snapshotsOf(fixture('job-description-2024.xlsx'));
});

describe.each([
  ['(a) goal merged over its functions (the sample)', 'a'],
  ['(b) goal written once, separate № column', 'b'],
])('job description %s', (_name, variant) => {
  let a: SheetAnalysis;
  let col: { criterion: string; responsibility: string };
  beforeAll(async () => {
    const snap = variant === 'a' ? sample : await separateNumberVariant();
    a = analyzeSheet(snap);
    col = variant === 'a' ? { criterion: 'C', responsibility: 'D' } : { criterion: 'D', responsibility: 'E' };
  });

  test('recognized, with its columns', () => {
    expect(a.template).toBe('job-description');
    expect(a.tables[0].columns).toMatchObject({
      goal: 'A',
      criterion: col.criterion,
      responsibility: col.responsibility,
    });
    expect(a.tables[0].columns.no).toBe(variant === 'b' ? 'B' : undefined);
    expect(a.meta).toMatchObject({
      year: 2024,
      position: 'Үйлчилгээний хөгжүүлэлтийн хэлтсийн дарга',
      unit: 'Үйлчилгээ хөгжүүлэлт, олон нийттэй харилцах газар',
    });
  });

  test('22 functions, each under its job goal, numbered per goal', () => {
    expect(a.activities).toHaveLength(22);
    const goals = [...new Set(a.activities.map((x) => x.goal))];
    expect(goals).toHaveLength(5);
    goals.forEach((g, i) => {
      expect(g).toMatch(new RegExp(`^${i + 1} (дүгээр|дугаар) зорилтын хүрээнд`));
      const under = a.activities.filter((x) => x.goal === g);
      expect(under).toHaveLength(GOAL_SIZES[i]);
      expect(under.map((x) => x.no)).toEqual(under.map((_, k) => String(k + 1)));
    });
    expect(issuesAt(a, 'NUMBERING_DUPLICATE')).toEqual([]);
  });

  test('a function broken by a page break is one activity with its text joined', () => {
    const third = a.activities.filter((x) => x.goal?.startsWith('2 '))[2];
    expect(third.row).toBe(23);
    expect(third.fields.activity).toMatch(/санал боловсруулж,\s+шийдвэрлүүлэх;$/);
    expect(third.lastRow).toBe(24);
  });

  test('the defects of the sample, at their cells', () => {
    expect(issuesAt(a, 'RESPONSIBILITY_INVALID')).toEqual([`${col.responsibility}31`]);
    expect(issuesAt(a, 'MISSING_REQUIRED').sort()).toEqual(
      [`${col.criterion}39`, `${col.responsibility}40`].sort(),
    );
  });
});

describe('responsibility codes', () => {
  const VALID: [string, string[]][] = [
    ['Х, Ш', ['Х', 'Ш']],
    ['Г,Х,Ш', ['Г', 'Х', 'Ш']],
    ['Х/Ш', ['Х', 'Ш']],
    ['х ш', ['Х', 'Ш']],
    ['X, Ш', ['Х', 'Ш']], // Latin X
    ['Гүйцэтгэх, Хянах', ['Г', 'Х']],
    ['т', ['Т']],
  ];
  const INVALID = ['Х, Д', 'А', '?'];

  test.each(VALID)('%s is valid', (text, codes) => {
    expect(responsibilityCodes(text)).toEqual({ codes, invalid: [] });
    const a = analyzeSheet(withCell(sample, 19, 4, text));
    expect(issuesAt(a, 'RESPONSIBILITY_INVALID')).toEqual(['D31']); // only the sample's own defect
  });

  test.each(INVALID)('%s is RESPONSIBILITY_INVALID at its cell', (text) => {
    expect(responsibilityCodes(text).invalid.length).toBeGreaterThan(0);
    const a = analyzeSheet(withCell(sample, 19, 4, text));
    expect(issuesAt(a, 'RESPONSIBILITY_INVALID')).toEqual(['D19', 'D31']);
    const issue = a.issues.find((i) => i.code === 'RESPONSIBILITY_INVALID' && i.row === 19)!;
    expect(issue.severity).toBe('error');
    expect(issue.message).toContain(text);
  });

  test('an emptied criterion and responsibility are MISSING_REQUIRED at their cells', () => {
    const a = analyzeSheet(withCell(withCell(sample, 21, 3, null), 22, 4, null));
    expect(issuesAt(a, 'MISSING_REQUIRED').sort()).toEqual(['C21', 'C39', 'D22', 'D40']);
    expect(a.activities).toHaveLength(22);
  });
});
