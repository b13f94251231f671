/**
 * Shared by the CLI, file-target and draft/format tests: temporary folders,
 * the sample workbooks, real child processes of the CLI, and reading written workbooks back.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/core/snapshot';
// JSZip comes with ExcelJS; it is not a direct dependency of the project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as typeof import('jszip');

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'samples');
export const DEPARTMENTS = path.join(ROOT, 'samples', 'departments');
export const DEPT = {
  hyanalt: path.join(DEPARTMENTS, 'dept-hyanalt.xlsx'),
  orlogo: path.join(DEPARTMENTS, 'dept-orlogo.xlsx'),
  tetgever: path.join(DEPARTMENTS, 'dept-tetgever.xlsx'),
};
export const UNITS = {
  hyanalt: 'ХЯНАЛТ ШАЛГАЛТЫН ТАСГИЙН БАЙЦААГЧ',
  orlogo: 'ОРЛОГО ШИМТГЭЛИЙН ТАСГИЙН ДАРГА',
  tetgever: 'ТЭТГЭВРИЙН ХЭЛТСИЙН ДАРГА',
};
export const fixture = (name: string) => path.join(FIXTURES, name);

/** A fresh temporary folder; `cleanup()` removes every folder made so far. */
const made: string[] = [];
export function tmpDir(prefix = 'ndplan-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
export function cleanup(): void {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
}

/** Copies a file into `dir` (keeping its name unless `as` is given) and returns the new path. */
export function copyTo(dir: string, file: string, as?: string): string {
  const to = path.join(dir, as ?? path.basename(file));
  fs.copyFileSync(file, to);
  return to;
}

export function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Bytes and modification time of a file, to prove it was not touched. */
export function fileState(file: string): { sha: string; mtimeMs: number; size: number } {
  const st = fs.statSync(file);
  return { sha: sha(file), mtimeMs: st.mtimeMs, size: st.size };
}

export async function loadXlsx(file: string | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const buf = typeof file === 'string' ? fs.readFileSync(file) : file;
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Edits a copy of a workbook with ExcelJS and saves it in place. */
export async function editXlsx(file: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await loadXlsx(file);
  edit(wb);
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** Every cell value of a worksheet as a plain 2-D array (rows 1…rowCount, columns 1…columnCount). */
export function sheetValues(ws: ExcelJS.Worksheet): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = ws.getCell(r, c).value as unknown;
      row.push(v === undefined ? null : (JSON.parse(JSON.stringify(v)) as CellValue));
    }
    out.push(row);
  }
  return out;
}

/** The XML of a worksheet inside an .xlsx, found by the sheet's name. */
export async function sheetXml(file: string, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const esc = sheetName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rid = new RegExp(`<sheet [^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(wbXml)?.[1];
  if (!rid) throw new Error(`no sheet ${sheetName} in ${file}`);
  const target =
    new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no relationship ${rid} in ${file}`);
  const p = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return zip.file(p)!.async('string');
}

export async function zipText(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return (await zip.file(name)?.async('string')) ?? '';
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Child {
  pid: number;
  done: Promise<ChildResult>;
  /** SIGKILL to the whole process group (tsx runs the CLI in a child node process). */
  killGroup(): void;
}

/** Starts `tsx src/cli/main.ts …` (or another script) as a real process in its own group. */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
  script = 'src/cli/main.ts',
): Child {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NDPLAN_LANG: 'mn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<ChildResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    pid: child.pid!,
    done,
    killGroup() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60000,
): Promise<ChildResult> {
  const c = startCli(args, env);
  const timer = setTimeout(() => c.killGroup(), timeoutMs);
  return c.done.finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `cond()` holds, polling; throws after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Runs `fn` with environment variables set, restoring them afterwards. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}
