/**
 * Marks in the sheet through Office.js: a fill and a note on each cell of core's marks plan.
 * Notes need ExcelApi 1.18; below it a comment (ExcelApi 1.10); below that the fill alone.
 * Marking reads the cells' fills and their notes first, then writes: two syncs (with comments on a
 * sheet that already has some, one more to learn which cells they are on). Removing restores the
 * fills as they were and deletes only the notes or comments ND Plan added and nobody changed since.
 */
import type { MarksPlan } from '../core/marks';
import { cellAddress } from '../core/snapshot';
import type { MarkKind } from '../i18n/marks';
import { supportsExcelApi } from './requirements';

/** Worksheet.notes. */
export const NOTES_EXCEL_API = '1.18';
/** Worksheet.comments. */
export const COMMENTS_EXCEL_API = '1.10';

const FILL: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } },
};

export interface MarkedCell {
  address: string;
  /** The fill before the mark, as getCellProperties gives it. */
  fill: Excel.CellPropertiesFill;
  /** The note or comment text ND Plan added; null where the cell had one already (it is left alone). */
  note: string | null;
  /** The id of the comment ND Plan added. */
  commentId?: string;
}

export interface MarksRecord {
  sheet: string;
  kind: MarkKind;
  cells: MarkedCell[];
}

function markKind(): MarkKind {
  if (supportsExcelApi(NOTES_EXCEL_API)) return 'note';
  if (supportsExcelApi(COMMENTS_EXCEL_API)) return 'comment';
  return 'fill';
}

const bare = (address: string) => address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');

export async function addMarks(context: Excel.RequestContext, plan: MarksPlan): Promise<MarksRecord> {
  const kind = markKind();
  const sheet = context.workbook.worksheets.getItem(plan.sheet);
  const cells = plan.marks.map((m) => {
    const address = cellAddress(m.row, m.col);
    const range = sheet.getRange(address);
    return {
      mark: m,
      address,
      range,
      fill: range.getCellProperties(FILL),
      note: kind === 'note' ? sheet.notes.getItemOrNullObject(address).load('content') : null,
    };
  });
  const comments = kind === 'comment' ? sheet.comments.load('items/id') : null;
  await context.sync();

  // Cells that already have a comment: their locations are one more read, only when there are any.
  const commented = new Set<string>();
  if (comments && comments.items.length) {
    const where = comments.items.map((c) => c.getLocation().load('address'));
    await context.sync();
    for (const w of where) commented.add(bare(w.address));
  }

  const added = cells.map((c) => {
    c.range.format.fill.color = c.mark.color;
    const free = kind === 'note' ? c.note!.isNullObject : kind === 'comment' && !commented.has(c.address);
    if (!free) return { c, comment: null, note: null };
    if (kind === 'note') {
      sheet.notes.add(c.address, c.mark.note);
      return { c, comment: null, note: c.mark.note };
    }
    return { c, comment: sheet.comments.add(c.range, c.mark.note).load('id'), note: c.mark.note };
  });
  await context.sync();
  return {
    sheet: plan.sheet,
    kind,
    cells: added.map(({ c, comment, note }) => ({
      address: c.address,
      fill: c.fill.value[0][0].format?.fill ?? {},
      note,
      ...(comment ? { commentId: comment.id } : {}),
    })),
  };
}

/** Takes the marks away: the fills as they were, and ND Plan's notes or comments still as it wrote them. One or two syncs. */
export async function removeMarks(context: Excel.RequestContext, record: MarksRecord): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(record.sheet);
  const ours = record.cells.filter((c) => c.note !== null);
  const found = ours.map((c) =>
    record.kind === 'comment' && c.commentId
      ? sheet.comments.getItemOrNullObject(c.commentId).load('content')
      : sheet.notes.getItemOrNullObject(c.address).load('content'),
  );
  if (found.length) await context.sync();
  found.forEach((item, i) => {
    if (!item.isNullObject && item.content === ours[i].note) item.delete();
  });
  for (const c of record.cells) {
    const range = sheet.getRange(c.address);
    if (c.fill.pattern === 'None') range.format.fill.clear();
    else range.setCellProperties([[{ format: { fill: c.fill } }]]);
  }
  await context.sync();
}
