/**
 * Fewer, larger formatting operations: a plan that styles a table row by row says the same
 * with one operation per block of rows. Every operation costs Office.js its own request entries
 * (about 120,000 of them for a 20,000-activity report), so this shortens what crosses to Excel.
 */
import type { CellRange } from '../snapshot';
import type { OpOf, WriteOp } from '../writeplan';

type Styling = OpOf<'setNumberFormat' | 'setFont' | 'setFill' | 'setBorders' | 'setAlignment'>;

/**
 * What each styling operation sets, besides where: operations merge only when they agree on all
 * of it (a setting added to WriteOp must be listed here, or this does not compile). Each kind
 * sets one property of its cells, and no other operation kind sets that property but those that
 * may change anything (footprint's 'all').
 */
const SETTINGS: { [K in Styling['op']]: Record<Exclude<keyof OpOf<K>, 'op' | 'sheet' | 'range'>, true> } = {
  setNumberFormat: { format: true },
  setFont: { bold: true, italic: true, size: true, color: true },
  setFill: { color: true },
  setBorders: { style: true },
  setAlignment: { horizontal: true, vertical: true, wrap: true },
};
const KINDS = Object.keys(SETTINGS);

const isStyling = (op: WriteOp): op is Styling => op.op in SETTINGS;

/** The cells an operation changes and which property of them; 'all' when it may change anything there. */
interface Footprint {
  sheet: string;
  range: CellRange;
  property: WriteOp['op'] | 'all';
}

const EVERYWHERE: CellRange = { top: 1, left: 1, bottom: Infinity, right: Infinity };

/** The footprint of an operation other than styling. */
function footprint(op: Exclude<WriteOp, Styling>): Footprint | null {
  const { sheet } = op;
  switch (op.op) {
    case 'addSheet':
      return { sheet, range: EVERYWHERE, property: 'all' };
    case 'setValues':
    case 'setFormulas': {
      const rows = op.op === 'setValues' ? op.values : op.formulas;
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      return {
        sheet,
        range: { top: op.row, left: op.col, bottom: op.row + rows.length - 1, right: op.col + width - 1 },
        property: 'all',
      };
    }
    case 'merge':
      // Merging first unmerges the areas it overlaps, wherever they reach.
      return { sheet, range: EVERYWHERE, property: 'all' };
    case 'addTable':
    case 'bucketColors':
    case 'dataBar':
      return { sheet, range: op.range, property: 'all' };
    default:
      // Widths, heights, panes, print setup, selection and floating charts change no cell.
      return null;
  }
}

/** Excel compares sheet names without case. */
const sameSheet = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();

/** Same kind, sheet, columns and settings: the operations a group may take. */
function sameGroup(a: Styling, b: Styling): boolean {
  if (
    a.op !== b.op ||
    a.sheet !== b.sheet ||
    a.range.left !== b.range.left ||
    a.range.right !== b.range.right
  )
    return false;
  for (const setting in SETTINGS[a.op])
    if ((a as Record<string, unknown>)[setting] !== (b as Record<string, unknown>)[setting]) return false;
  return true;
}

/** Where to look for an operation's group: by kind and columns (a number, quicker to find than a text key). */
const bucketOf = (op: Styling) => (KINDS.indexOf(op.op) * 32768 + op.range.left) * 32768 + op.range.right;

/** Styling operations of the output, merged into one; later operations of the same group may join it. */
class Group {
  readonly top: number;
  bottom: number;
  /**
   * Top row of the first later operation (in the output) that touches this property of these
   * columns below the group: an operation moved back into the group must end above it.
   */
  fence = Infinity;
  /** A later operation touches this property of the group's own cells: the group may not move forward. */
  pinned = false;

  constructor(
    readonly first: Styling,
    /** Its place in the output. */
    public slot: number,
  ) {
    this.top = first.range.top;
    this.bottom = first.range.bottom;
  }

  range(): CellRange {
    return { ...this.first.range, top: this.top, bottom: this.bottom };
  }

  op(): Styling {
    return this.bottom === this.first.range.bottom ? this.first : { ...this.first, range: this.range() };
  }
}

/**
 * Merges each styling operation into an earlier one of the same kind, sheet, columns and settings
 * that ends on the row above, so that row-by-row styling becomes one operation per block. The
 * result equals the plan's, cell by cell: an operation moves (back into its group, or the group
 * forward to it) only past operations that change other cells, or other properties of them.
 */
export function coalesceOps(ops: WriteOp[]): WriteOp[] {
  const out: (WriteOp | Group | null)[] = [];
  /** The newest group of each kind, sheet, columns and settings, while it may still grow; by bucketOf. */
  const open = new Map<number, Group[]>();

  /** Tells the open groups placed before `slot` that an operation there changes these cells. */
  const touch = (f: Footprint, slot: number) => {
    const r = f.range;
    for (const list of open.values())
      for (let i = list.length - 1; i >= 0; i--) {
        const g = list[i];
        const cols = g.first.range;
        if (
          g.slot >= slot ||
          (f.property !== 'all' && f.property !== g.first.op) ||
          !sameSheet(f.sheet, g.first.sheet)
        )
          continue;
        if (r.left > cols.right || r.right < cols.left) continue;
        if (r.top <= g.bottom && r.bottom >= g.top) g.pinned = true;
        if (r.bottom > g.bottom) g.fence = Math.min(g.fence, r.top);
        // A group that can neither take the next row back nor move forward stays as it is.
        if (g.pinned && g.fence <= g.bottom + 1) list.splice(i, 1);
      }
  };

  for (const op of ops) {
    if (!isStyling(op)) {
      out.push(op);
      const f = footprint(op);
      if (f) touch(f, out.length - 1);
      continue;
    }
    const bucket = bucketOf(op);
    let list = open.get(bucket);
    if (!list) open.set(bucket, (list = []));
    const g = list.find((x) => sameGroup(x.first, op));
    if (g && op.range.top === g.bottom + 1) {
      if (op.range.bottom < g.fence) {
        g.bottom = op.range.bottom;
        touch({ sheet: op.sheet, range: op.range, property: op.op }, g.slot);
        continue;
      }
      if (!g.pinned) {
        out[g.slot] = null;
        g.slot = out.length;
        g.bottom = op.range.bottom;
        g.fence = Infinity;
        out.push(g);
        touch({ sheet: op.sheet, range: g.range(), property: op.op }, g.slot);
        continue;
      }
    }
    const group = new Group(op, out.length);
    out.push(group);
    touch({ sheet: op.sheet, range: op.range, property: op.op }, group.slot);
    // touch may have closed the old group: find it again before replacing it.
    const old = list.findIndex((x) => sameGroup(x.first, op));
    if (old < 0) list.push(group);
    else list[old] = group;
  }
  const result: WriteOp[] = [];
  for (const x of out) if (x !== null) result.push(x instanceof Group ? x.op() : x);
  return result;
}
