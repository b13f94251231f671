/** Random access to a SheetSnapshot in sheet coordinates, with merged areas resolved. */
import { ERROR_VALUES, type CellRange, type CellValue, type SheetSnapshot, type ValueType } from './snapshot';
import { cellText } from './text';

export class Grid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly snap: SheetSnapshot;
  /** Covered (non-master) cell → its merged area. */
  private readonly covered = new Map<number, CellRange>();
  /** Master cell → its merged area. */
  private readonly masters = new Map<number, CellRange>();
  private readonly width: number;
  /** filled() of each row, by row index. */
  private readonly filledRows: (number[] | undefined)[] = [];
  /** text() of each row's cells, by row and column index. */
  private readonly textRows: (string | undefined)[][] = [];

  constructor(snap: SheetSnapshot) {
    this.snap = snap;
    this.name = snap.name;
    this.top = snap.origin.row;
    this.left = snap.origin.col;
    const rows = snap.values.length;
    const cols = snap.values.reduce((m, r) => Math.max(m, r.length), 0);
    this.bottom = this.top + rows - 1;
    this.right = this.left + cols - 1;
    this.width = Math.max(cols, 1) + this.left + 1;
    for (const m of snap.merges) {
      // Merged areas larger than a table's worth of rows are clipped to the used range.
      const bottom = Math.min(m.bottom, this.bottom);
      const right = Math.min(m.right, this.right);
      const area = { ...m, bottom, right };
      this.masters.set(this.key(m.top, m.left), area);
      for (let r = m.top; r <= bottom; r++)
        for (let c = m.left; c <= right; c++)
          if (r !== m.top || c !== m.left) this.covered.set(this.key(r, c), area);
    }
  }

  private key(r: number, c: number): number {
    return r * this.width + c;
  }

  /** The raw value of a cell (null when empty or outside the used range). */
  value(r: number, c: number): CellValue {
    const row = this.snap.values[r - this.top];
    if (!row) return null;
    const v = row[c - this.left];
    return v === undefined || v === '' ? null : v;
  }

  /** The value shown in a cell: a covered cell of a merged area shows its master's value. */
  shown(r: number, c: number): CellValue {
    const area = this.covered.get(this.key(r, c));
    if (area) return this.value(area.top, area.left);
    return this.value(r, c);
  }

  /** The trimmed display text of a cell; asked by recognition and parsing alike, so kept per row. */
  text(r: number, c: number): string {
    const i = r - this.top;
    const j = c - this.left;
    if (i < 0 || j < 0 || j >= this.right - this.left + 1) return cellText(this.value(r, c)).trim();
    let row = this.textRows[i];
    if (!row) row = this.textRows[i] = [];
    let t = row[j];
    if (t === undefined) t = row[j] = cellText(this.value(r, c)).trim();
    return t;
  }

  numberFormat(r: number, c: number): string {
    return this.snap.numberFormats?.[r - this.top]?.[c - this.left] ?? 'General';
  }

  valueType(r: number, c: number): ValueType {
    const t = this.snap.valueTypes?.[r - this.top]?.[c - this.left];
    if (t) return t;
    const v = this.value(r, c);
    if (v === null) return 'Empty';
    if (typeof v === 'number') return 'Double';
    if (typeof v === 'boolean') return 'Boolean';
    return ERROR_VALUES.includes(v) ? 'Error' : 'String';
  }

  /** Visits every cell holding a value, row by row, straight from the snapshot's arrays. */
  eachValue(
    visit: (r: number, c: number, v: string | number | boolean, type: ValueType | undefined) => void,
  ): void {
    const { values, valueTypes } = this.snap;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      const types = valueTypes?.[i];
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (v !== null && v !== undefined && v !== '') visit(this.top + i, this.left + j, v, types?.[j]);
      }
    }
  }

  /** The merged area a cell belongs to as a covered cell, if any. */
  coveredBy(r: number, c: number): CellRange | undefined {
    return this.covered.get(this.key(r, c));
  }

  /** The merged area whose top-left cell this is, if any. */
  mergeAt(r: number, c: number): CellRange | undefined {
    return this.masters.get(this.key(r, c));
  }

  /**
   * Columns of a row holding a value of their own. Recognition, parsing and validation each
   * ask for every row: the answer is computed once per row and shared, so it is read-only.
   */
  filled(r: number, from = this.left, to = this.right): readonly number[] {
    const i = r - this.top;
    const row = this.snap.values[i];
    if (!row) return NONE;
    let all = this.filledRows[i];
    if (!all) {
      const cols: number[] = [];
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (v !== null && v !== undefined && v !== '' && !(typeof v === 'string' && isBlank(v)))
          cols.push(this.left + j);
      }
      all = this.filledRows[i] = cols;
    }
    if (from <= this.left && to >= this.right) return all;
    return all.filter((c) => c >= from && c <= to);
  }
}

const NONE: readonly number[] = Object.freeze([]);

/** Only white space (what trim() removes), without allocating the trimmed copy. */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Below U+1680, only U+0085 and U+00A0 are white space beyond ASCII's; anything else is asked of the definition trim() uses.
    if ((c > 32 && c < 0x85) || (c > 0xa0 && c < 0x1680) || !WHITE.test(s.charAt(i))) return false;
  }
  return true;
}
const WHITE = /^\s$/;
