/**
 * Exact text for the Office.js writer (src/office/write.ts): the hostile corpus is
 * written through the real Office.js library (tests/office/realExcel.ts) and what it sends is
 * replayed onto cells as Excel applies it: a text that starts like a formula, set as a value on a
 * cell whose format is not text ("@"), would become a formula. Every string must arrive exactly,
 * on a cell formatted "@" before its value was set, in requests whose JSON is well-formed.
 */
import { parseRange } from '../../src/core/snapshot';
import type { WritePlan } from '../../src/core/writeplan';
import { applyWritePlan } from '../../src/office';
import { HOSTILE } from '../helpers/hostile';
import { realContext } from './realExcel';

jest.setTimeout(60_000);

interface Path {
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[] };
}
interface Body {
  Actions: {
    ActionType: number;
    Name: string;
    ObjectPathId: number;
    ArgumentInfo?: { Arguments: unknown[] };
  }[];
  ObjectPaths: Record<string, Path>;
}
interface Cell {
  value?: unknown;
  format?: unknown;
  formula: boolean;
}

const SET_PROPERTY = 4;

/** The cells as Excel would hold them after the requests, keyed `sheet!row,col`. */
function replay(bodies: string[]): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const paths: Record<string, Path> = {};
  for (const text of bodies) {
    const body = JSON.parse(text) as Body;
    Object.assign(paths, body.ObjectPaths);
    for (const a of body.Actions) {
      const path = paths[a.ObjectPathId];
      if (
        a.ActionType !== SET_PROPERTY ||
        path?.Name !== 'GetRange' ||
        !['Values', 'NumberFormat'].includes(a.Name)
      )
        continue;
      // A range's parent is the sheet: got by name (an indexer) or just added, its name the argument either way.
      const sheet = String(paths[path.ParentObjectPathId!].ArgumentInfo!.Arguments[0]);
      const range = parseRange(String(path.ArgumentInfo!.Arguments[0]));
      const matrix = a.ArgumentInfo!.Arguments[0] as unknown[][];
      matrix.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v === null) return;
          const key = `${sheet}!${range.top + i},${range.left + j}`;
          const cell = cells.get(key) ?? { formula: false };
          if (a.Name === 'NumberFormat') cell.format = v;
          else {
            cell.value = v;
            cell.formula = typeof v === 'string' && /^[=+\-@]/.test(v) && cell.format !== '@';
          }
          cells.set(key, cell);
        }),
      );
    }
  }
  return cells;
}

const column = (sheet: string, col = 1) => ({
  op: 'setValues' as const,
  sheet,
  row: 1,
  col,
  values: HOSTILE.map((s) => [s]),
});

const CASES: [string, WritePlan, { maxPayloadBytes?: number }?][] = [
  ['a column on an existing sheet', { ops: [column('Лист')] }],
  [
    'a row on a new sheet',
    {
      ops: [
        { op: 'addSheet', sheet: "Ажил's" },
        { op: 'setValues', sheet: "Ажил's", row: 3, col: 2, values: [[...HOSTILE]] },
      ],
    },
  ],
  // Small requests: the matrix is cut into slices, each its own request.
  [
    'many columns in small requests',
    { ops: Array.from({ length: 40 }, (_, i) => column('Лист', i + 1)) },
    { maxPayloadBytes: 6_000 },
  ],
];

describe.each(CASES)('%s', (_, plan, opts) => {
  let bodies: string[];
  let cells: Map<string, Cell>;
  beforeAll(async () => {
    const real = realContext([{ name: 'Лист' }], 0, true);
    await applyWritePlan(real.context, plan, opts);
    bodies = real.bodies;
    cells = replay(bodies);
  });

  test('every request is well-formed JSON that survives UTF-8 (lone surrogates escaped)', () => {
    expect(bodies.length).toBeGreaterThan(opts?.maxPayloadBytes ? 1 : 0);
    for (const b of bodies) {
      expect(() => JSON.parse(b)).not.toThrow();
      expect(Buffer.from(b, 'utf8').toString('utf8')).toBe(b);
    }
  });

  test('every hostile string arrives exactly, formatted as text before its value, never a formula', () => {
    for (const op of plan.ops) {
      if (op.op !== 'setValues') continue;
      op.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const cell = cells.get(`${op.sheet}!${op.row + i},${op.col + j}`);
          expect(cell).toEqual({ value: v, format: '@', formula: false });
        }),
      );
    }
  });
});

test('the replay sees a formula where the text format is missing (the check can fail)', () => {
  const body: Body = {
    Actions: [
      {
        ActionType: SET_PROPERTY,
        Name: 'Values',
        ObjectPathId: 2,
        ArgumentInfo: { Arguments: [[['=1+1', ' =1+1']]] },
      },
    ],
    ObjectPaths: {
      1: { ObjectPathType: 5, Name: '', ArgumentInfo: { Arguments: ['S'] } },
      2: {
        ObjectPathType: 3,
        Name: 'GetRange',
        ParentObjectPathId: 1,
        ArgumentInfo: { Arguments: ['A1:B1'] },
      },
    },
  };
  const cells = replay([JSON.stringify(body)]);
  expect(cells.get('S!1,1')?.formula).toBe(true);
  expect(cells.get('S!1,2')?.formula).toBe(false);
});
