/** Writing workbooks: to a buffer, and to disk without ever leaving a half-written file. */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { WorkbookReadError } from './read';
import { excelEscape } from './escape';
import { deflateStoredEntries } from './zip';

/**
 * ExcelJS writes the parts uncompressed and Node's zlib compresses them: JSZip's JavaScript
 * deflate took a third of the time of writing a consolidated workbook (src/xlsx/zip.ts).
 */
export async function workbookBuffer(wb: ExcelJS.Workbook, file = ''): Promise<Buffer> {
  let stored: ExcelJS.Buffer;
  // ExcelJS writes text as it is, dropping what XML cannot hold: given Excel's escapes instead, for the writing only.
  const restore = escapeTexts(wb);
  try {
    stored = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  } catch {
    // ExcelJS read a part it cannot write back (a table without a style, say): nothing is written.
    throw new WorkbookReadError('cannot-rewrite', file);
  } finally {
    restore();
  }
  return deflateStoredEntries(Buffer.from(stored as ArrayBuffer), 6, (name, data) =>
    name === 'xl/workbook.xml' ? quotePrintTitles(data) : data,
  );
}

/** Every text cell's value Excel-escaped; returns how to put the values back. */
function escapeTexts(wb: ExcelJS.Workbook): () => void {
  const undo: (() => void)[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged area's other cells show its first cell's value: escaping them too would escape it again.
        if (cell.master !== cell) return;
        const v = cell.value;
        if (typeof v === 'string') {
          const e = excelEscape(v);
          if (e !== v) {
            cell.value = e;
            undo.push(() => (cell.value = v));
          }
        } else if (v && typeof v === 'object' && 'richText' in v) {
          const runs = v.richText.map((r) => ({ ...r, text: excelEscape(r.text) }));
          if (runs.some((r, i) => r.text !== v.richText[i].text)) {
            cell.value = { richText: runs };
            undo.push(() => (cell.value = v));
          }
        }
      }),
    );
  return () => undo.forEach((u) => u());
}

/**
 * ExcelJS writes print titles as `'It's'!$1:$2`: a sheet name's apostrophes are doubled
 * inside the quotes, as Excel reads them.
 */
function quotePrintTitles(xml: Buffer): Buffer {
  const s = xml.toString('utf8');
  const fixed = s.replace(
    /(<definedName name="_xlnm\.Print_Titles"[^>]*>)&apos;(.*?)&apos;!(\$[A-Z]*\$?\d*:\$[A-Z]*\$?\d*)(<\/definedName>)/g,
    (_, open: string, name: string, ref: string, close: string) =>
      `${open}&apos;${name.replace(/&apos;(&apos;)?/g, '&apos;&apos;')}&apos;!${ref}${close}`,
  );
  return fixed === s ? xml : Buffer.from(fixed, 'utf8');
}

/**
 * Writes to a temporary file in the same folder, flushes it, then renames it into place:
 * a crash at any moment leaves either the old file or the new one.
 */
export function writeFileAtomic(target: string, data: Uint8Array): void {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.ndplan-tmp-${process.pid}-${Date.now()}`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The crash test sets this to kill a writer between the temporary file and the rename.
  const pause = Number(process.env.NDPLAN_TEST_PAUSE_BEFORE_RENAME_MS ?? 0);
  if (pause > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const d = fs.openSync(dir, 'r');
    fs.fsyncSync(d);
    fs.closeSync(d);
  } catch {
    // Some file systems (network shares) cannot fsync a directory; the rename is still atomic.
  }
}
