/**
 * The .xlsx file destination of a consolidation (disk or network share): read, upsert,
 * write to a temporary file and rename into place, all under a lock file so that two
 * writers both land and a crash never leaves a broken or lost workbook.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { DEBT_COLUMNS, ROW_COLUMNS, consolidate, readTable, type ConsolidatedRow, type ConsolidationResult, type DebtRow, type Push } from '../core/consolidate';
import type { Settings } from '../core/measure';
import { SHEETS, planConsolidation } from '../core/plans/consolidation';
import { applyWritePlan } from '../xlsx/apply';
import { loadWorkbook, worksheetSnapshot } from '../xlsx/read';
import { workbookBuffer, writeFileAtomic } from '../xlsx/write';

export class LockTimeoutError extends Error {
  constructor(readonly target: string, readonly holder: string) {
    super(`${target}: өөр хэрэглэгч энэ файлд бичиж байна (${holder}); түр хүлээгээд дахин оролдоно уу`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** How long to wait for another writer, in ms (NDPLAN_LOCK_TIMEOUT_MS overrides the default 30 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its holder seems alive (crashed share client). */
  staleMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding `<target>.lock`; waits a bounded time for another holder. */
export async function withLock<T>(target: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = `${target}.lock`;
  const timeout = opts.timeoutMs ?? Number(process.env.NDPLAN_LOCK_TIMEOUT_MS ?? 30000);
  const stale = opts.staleMs ?? 10 * 60 * 1000;
  const start = Date.now();
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = '';
      try {
        holder = fs.readFileSync(lock, 'utf8');
        const info = JSON.parse(holder) as { pid: number; since: string };
        const age = Date.now() - Date.parse(info.since);
        // A holder that died (killed mid-write) or a lock left far too long is taken over.
        if (!alive(info.pid) || age > stale) {
          fs.rmSync(lock, { force: true });
          continue;
        }
      } catch {
        // Being written right now, or unreadable: wait like for a live holder.
      }
      if (Date.now() - start >= timeout) throw new LockTimeoutError(target, holder || lock);
      await sleep(50 + Math.random() * 100);
    }
  }
  try {
    return await fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

export interface FilePushResult extends ConsolidationResult {
  target: string;
}

/** Reads the target's consolidation state (empty for a new target). */
export async function readTarget(target: string): Promise<{ workbook: ExcelJS.Workbook; rows: ConsolidatedRow[]; debt: DebtRow[] }> {
  if (!fs.existsSync(target)) return { workbook: new ExcelJS.Workbook(), rows: [], debt: [] };
  const workbook = await loadWorkbook(fs.readFileSync(target), target);
  const snap = (name: string) => {
    const ws = workbook.getWorksheet(name);
    return ws ? worksheetSnapshot(ws) : undefined;
  };
  return {
    workbook,
    rows: readTable<ConsolidatedRow>(snap(SHEETS.rows), ROW_COLUMNS),
    debt: readTable<DebtRow>(snap(SHEETS.debt), DEBT_COLUMNS),
  };
}

export async function pushToFile(target: string, pushes: Push[], settings?: Settings, lock?: LockOptions): Promise<FilePushResult> {
  return withLock(
    target,
    async () => {
      const { workbook, rows, debt } = await readTarget(target);
      const result = consolidate({ rows, debt }, pushes);
      applyWritePlan(workbook, planConsolidation(result, settings));
      const buf = await workbookBuffer(workbook);
      writeFileAtomic(target, buf);
      return { ...result, target };
    },
    lock,
  );
}
