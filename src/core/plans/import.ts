/**
 * A document read as a snapshot (a Word file, DESIGN.md section 15) laid into a sheet as a
 * write plan: its values and merged areas, then the official layout when its template is
 * recognized (section 9), then the sheet selected. The CLI's `import` and the task pane's
 * «Word файл оруулах» apply the same plan.
 */
import type { SheetAnalysis } from '../model';
import type { SheetSnapshot } from '../snapshot';
import type { WriteOp, WritePlan } from '../writeplan';
import { planFormat } from './format';

export function planImport(
  snapshot: SheetSnapshot,
  analysis: SheetAnalysis | null,
  sheet = snapshot.name,
): WritePlan {
  const snap = { ...snapshot, name: sheet };
  const ops: WriteOp[] = [{ op: 'addSheet', sheet, clear: true }];
  if (snap.values.length)
    ops.push({ op: 'setValues', sheet, row: snap.origin.row, col: snap.origin.col, values: snap.values });
  for (const range of snap.merges) ops.push({ op: 'merge', sheet, range });
  if (analysis?.template) ops.push(...planFormat(snap, { ...analysis, sheet }).ops);
  ops.push({ op: 'select', sheet, range: { top: 1, left: 1, bottom: 1, right: 1 } });
  return { ops };
}
