/**
 * Opens the files the user picked as one ExcelJS workbook: one file as it is; several side by
 * side, each sheet copied with its values, styles, merges, widths, heights and conditional
 * formats (a head consolidating the staff's files). A sheet whose name another file also
 * uses is renamed after its file, as Excel would refuse two sheets of one name.
 */
import ExcelJS from 'exceljs';
import { loadWorkbook } from '../xlsx/read';

export interface InputFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface Renamed {
  file: string;
  from: string;
  to: string;
}

export interface OpenedWorkbook {
  workbook: ExcelJS.Workbook;
  /** The workbook's file name: the file's own, or the picked files' names joined. */
  fileName: string;
  renamed: Renamed[];
}

const MAX_SHEET_NAME = 31;
const stem = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '');

/** A sheet name Excel accepts: no \ / ? * [ ] :, no apostrophe at either end, at most 31 characters. */
export function cleanSheetName(name: string): string {
  const clean = name
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  return (clean || 'Sheet').slice(0, MAX_SHEET_NAME);
}

/** `name` with its file's name after it (`Тайлан (dept-orlogo)`), numbered when that is taken too. */
export function nameWithFile(name: string, file: string, taken: Set<string>): string {
  const free = (n: string) => !taken.has(n.toLocaleLowerCase());
  const withSuffix = (suffix: string) =>
    `${name.slice(0, Math.max(1, MAX_SHEET_NAME - suffix.length))}${suffix}`;
  const byFile = withSuffix(` (${cleanSheetName(stem(file)).slice(0, 16)})`);
  if (free(byFile)) return byFile;
  for (let i = 2; ; i++) {
    const numbered = withSuffix(` (${i})`);
    if (free(numbered)) return numbered;
  }
}

/** The combined workbook's name: the files' names joined with "+". */
export function combinedName(files: string[]): string {
  const joined = files.map(stem).join('+');
  return `${joined.length > 80 ? `${stem(files[0])}+${files.length - 1}` : joined}.xlsx`;
}

type SheetModel = ExcelJS.WorksheetModel & {
  media?: unknown[];
  tables?: unknown[];
  merges?: string[];
};

/** Copies `from` (of another workbook) into `to` as a new sheet named `name`. */
export function copySheet(from: ExcelJS.Worksheet, to: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = to.addWorksheet(name);
  const model = from.model as SheetModel;
  // The model's getter says `merges`, its setter reads `mergeCells`. Images and tables refer to
  // parts of their own workbook: not carried over.
  sheet.model = {
    ...model,
    name,
    mergeCells: model.merges ?? [],
    media: [],
    tables: [],
  } as unknown as ExcelJS.WorksheetModel;
  sheet.state = from.state;
  // The model leaves out the styles of the cells a merged area covers; their borders draw the area's edges.
  from.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) sheet.getCell(r, c).style = cell.style;
    }),
  );
  return sheet;
}

export async function openFiles(files: InputFile[]): Promise<OpenedWorkbook> {
  if (files.length === 0) throw new Error('no file');
  const loaded: { name: string; workbook: ExcelJS.Workbook }[] = [];
  for (const f of files)
    loaded.push({ name: f.name, workbook: await loadWorkbook(new Uint8Array(f.bytes), f.name) });
  if (loaded.length === 1) return { workbook: loaded[0].workbook, fileName: loaded[0].name, renamed: [] };

  // A name used by more than one file is renamed in every file that uses it, so no file's sheet looks like the original.
  const count = new Map<string, number>();
  for (const { workbook } of loaded)
    for (const ws of workbook.worksheets)
      count.set(ws.name.toLocaleLowerCase(), (count.get(ws.name.toLocaleLowerCase()) ?? 0) + 1);

  const combined = new ExcelJS.Workbook();
  const taken = new Set<string>();
  const renamed: Renamed[] = [];
  for (const { name, workbook } of loaded) {
    for (const ws of workbook.worksheets) {
      const clash = (count.get(ws.name.toLocaleLowerCase()) ?? 0) > 1;
      const target =
        clash || taken.has(ws.name.toLocaleLowerCase()) ? nameWithFile(ws.name, name, taken) : ws.name;
      taken.add(target.toLocaleLowerCase());
      if (target !== ws.name) renamed.push({ file: name, from: ws.name, to: target });
      copySheet(ws, combined, target);
    }
  }
  return { workbook: combined, fileName: combinedName(loaded.map((l) => l.name)), renamed };
}
