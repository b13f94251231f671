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
        for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) this.covered.set(this.key(r, c), area);
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

  text(r: number, c: number): string {
    return cellText(this.value(r, c)).trim();
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

  formula(r: number, c: number): string | null {
    return this.snap.formulas?.[r - this.top]?.[c - this.left] ?? null;
  }

  /** The merged area a cell belongs to as a covered cell, if any. */
  coveredBy(r: number, c: number): CellRange | undefined {
    return this.covered.get(this.key(r, c));
  }

  /** The merged area whose top-left cell this is, if any. */
  mergeAt(r: number, c: number): CellRange | undefined {
    return this.masters.get(this.key(r, c));
  }

  /** Columns of a row holding a value of their own. */
  filled(r: number, from = this.left, to = this.right): number[] {
    const row = this.snap.values[r - this.top];
    if (!row) return [];
    const out: number[] = [];
    for (let c = Math.max(from, this.left); c <= Math.min(to, this.right); c++) {
      const v = row[c - this.left];
      if (v !== null && v !== undefined && v !== '' && !(typeof v === 'string' && v.trim() === '')) out.push(c);
    }
    return out;
  }
}
