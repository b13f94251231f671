/**
 * The .xlsx file destination of a consolidation (disk or network share): read, upsert,
 * write to a temporary file and rename into place, all under a lock file so that two
 * writers both land and a crash never leaves a broken or lost workbook.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import {
  DEBT_COLUMNS,
  ForeignSheetError,
  ROW_COLUMNS,
  consolidate,
  readName,
  readOwnTable,
  type TableColumn,
  type ConsolidatedRow,
  type ConsolidationResult,
  type DebtRow,
  type Push,
} from '../core/consolidate';
import type { Settings } from '../core/measure';
import { LOCK_MESSAGES } from '../i18n/errors';
import { SHEETS, planConsolidation, planConsolidationSheets } from '../core/plans/consolidation';
import {
  blocksOf,
  cutsOf,
  decodeState,
  encodeState,
  planRepush,
  summaryOf,
  type Block,
  type TableState,
} from '../core/repush';
import type { SummaryRow } from '../core/summary';
import { keptParts, readState, segmentsOf, type BlockedSheet } from '../xlsx/blocks';
import { RenumberUnavailable } from '../xlsx/renumber';
import { ZipError, crc32Text, type Deflated } from '../xlsx/zip';
import type { SheetSnapshot } from '../core/snapshot';
import type { WritePlan } from '../core/writeplan';
import { applyWritePlan } from '../xlsx/apply';
import { sniff, worksheetSnapshot } from '../xlsx/read';
import { NameTakenError, PatchUnsupported, patchWorkbook } from '../xlsx/patch';
import { renderWorkbook } from '../xlsx/render';
import { fastSnapshots, rewritableWorkbook } from '../xlsx/values';
import { workbookBuffer, writeFileAtomic } from '../xlsx/write';

export class LockTimeoutError extends Error {
  constructor(
    readonly target: string,
    readonly holder: string,
  ) {
    super(`${target}: ${LOCK_MESSAGES.mn} (${holder})`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** How long to wait for another writer, in ms (NDPLAN_LOCK_TIMEOUT_MS overrides the default 30 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its holder seems alive (crashed share client). */
  staleMs?: number;
  /** A lock file that stays empty or unreadable this long was left by a writer that died creating it. */
  garbledMs?: number;
}

interface LockInfo {
  pid: number;
  since: string;
  /** The machine of the holder: its process id means nothing elsewhere (a network share). */
  host?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !zombie(pid);
}

/** A killed process that its parent has not collected yet still answers kill(pid, 0), but holds nothing. */
function zombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** The holder died (on this machine) or has held the lock far too long. */
function abandoned(info: LockInfo, stale: number): boolean {
  if (Date.now() - Date.parse(info.since) > stale) return true;
  if (info.host && info.host !== os.hostname()) return false;
  return !alive(info.pid);
}

/**
 * Removes an abandoned lock, unless another writer has replaced it since it was read: two
 * writers that both saw the dead holder must not remove each other's fresh lock. Returns
 * whether it is worth trying to take the lock again right away.
 */
function breakLock(lock: string, seen: string): boolean {
  const breaker = `${lock}.break`;
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Someone else is breaking it right now; a breaker left by a crash goes when old.
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > 10_000) fs.rmSync(breaker, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    let now = '';
    try {
      now = fs.readFileSync(lock, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true; // released meanwhile
      // Still unreadable: what was seen of it was nothing either.
    }
    if (now === seen) fs.rmSync(lock, { force: true });
    return true;
  } finally {
    fs.closeSync(fd);
    fs.rmSync(breaker, { force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Something that is not a lock file stands where the lock goes: waiting would never end. */
export class LockRefusedError extends Error {
  constructor(readonly lock: string) {
    super(`${lock}: not a lock file`);
    this.name = 'LockRefusedError';
  }
}

/** What stands at the lock's path: a regular file (a lock, maybe garbled), nothing, or something else. */
function lockKind(lock: string): 'file' | 'none' | 'other' {
  try {
    return fs.lstatSync(lock).isFile() ? 'file' : 'other';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : 'other';
  }
}

/** Runs `fn` holding `<target>.lock`; waits a bounded time for another holder. */
export async function withLock<T>(target: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = `${target}.lock`;
  const timeout = opts.timeoutMs ?? Number(process.env.NDPLAN_LOCK_TIMEOUT_MS ?? 30000);
  const stale = opts.staleMs ?? 10 * 60 * 1000;
  const garbled = opts.garbledMs ?? 5000;
  const start = Date.now();
  let unreadable = null as { text: string; at: number } | null;
  let fd: number | null = null;
  let holder = '';
  /** The lock was just released or broken: try again at once rather than after a pause. */
  let again = false;
  // Every way round the loop passes the deadline check or takes the lock: it cannot spin forever.
  for (let attempt = 0; fd === null; attempt++) {
    if (attempt > 0) {
      if (Date.now() - start >= timeout) throw new LockTimeoutError(target, holder || lock);
      await sleep(again ? 0 : 50 + Math.random() * 100);
    }
    again = false;
    try {
      fd = fs.openSync(lock, 'wx');
      fs.writeSync(
        fd,
        JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const kind = lockKind(lock);
      // A folder or a link (even a dangling one) where the lock goes is nobody's lock: said, never waited on.
      if (kind === 'other') throw new LockRefusedError(lock);
      again = kind === 'none';
      if (again) continue;
      holder = '';
      let info: LockInfo | null = null;
      try {
        holder = fs.readFileSync(lock, 'utf8');
        const parsed = JSON.parse(holder) as LockInfo;
        if (typeof parsed?.pid === 'number' && typeof parsed.since === 'string') info = parsed;
      } catch {
        // Released meanwhile, being written right now, unreadable or garbled.
      }
      if (info) {
        unreadable = null;
        // A holder that died (killed mid-write) or a lock left far too long is taken over.
        if (abandoned(info, stale)) again = breakLock(lock, holder);
      } else {
        // Its writer fills it at once: a lock that stays unreadable was left by a crash.
        if (unreadable?.text !== holder) unreadable = { text: holder, at: Date.now() };
        else if (Date.now() - unreadable.at >= garbled) again = breakLock(lock, holder);
      }
    }
  }
  try {
    return await fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Reads the target's consolidation state (empty for a new target) with the fast reader. The
 * ExcelJS workbook is there only for a target whose XML that reader leaves to ExcelJS
 * (prefixed element names): it is written back whole; every other target is patched.
 */
export async function readTarget(target: string): Promise<{
  buffer: Buffer | null;
  workbook: ExcelJS.Workbook | null;
  rows: ConsolidatedRow[];
  debt: DebtRow[];
  name: string;
}> {
  if (!fs.existsSync(target)) return { buffer: null, workbook: null, rows: [], debt: [], name: '' };
  const buffer = fs.readFileSync(target);
  sniff(buffer, target);
  const fast = fastSnapshots(buffer, [SHEETS.rows, SHEETS.debt], target);
  const workbook = fast ? null : await rewritableWorkbook(buffer, target);
  const snap = (name: string): SheetSnapshot | undefined => {
    if (fast) return fast.snapshots.find((s) => s.name === name);
    const ws = workbook!.getWorksheet(name);
    return ws ? worksheetSnapshot(ws, false, target) : undefined;
  };
  const table = <T>(name: string, columns: TableColumn<T>[]): T[] => {
    try {
      return readOwnTable<T>(snap(name), columns);
    } catch (e) {
      throw e instanceof ForeignSheetError ? new ForeignSheetError(e.sheet, target) : e;
    }
  };
  return {
    buffer,
    workbook,
    rows: table<ConsolidatedRow>(SHEETS.rows, ROW_COLUMNS),
    debt: table<DebtRow>(SHEETS.debt, DEBT_COLUMNS),
    name: readName(snap(SHEETS.rows)),
  };
}

/** «Нэгтгэл» in blocks, with the state that lets the next push keep them (src/xlsx/blocks.ts). */
function blockedSheet(
  name: string,
  blocks: Block[],
  debt: DebtRow[],
  kept: Pick<BlockedSheet, 'kept' | 'segments'> = { kept: new Map(), segments: new Map() },
  /** The target's state, when the push keeps its blocks. */
  was?: TableState,
): BlockedSheet {
  return {
    sheet: SHEETS.rows,
    cuts: cutsOf(blocks),
    ...kept,
    part: was?.layout.part,
    strings: was?.layout.strings,
    // The state keeps «Авлага»'s rows: another writer's change to that sheet makes it stale.
    also: [SHEETS.debt],
    state: (layout) => encodeState({ name, layout, blocks, debt, table: was?.table }),
  };
}

/** The target's new bytes: a new one written directly, an existing one patched part by part. */
async function written(
  target: string,
  current: Awaited<ReturnType<typeof readTarget>>,
  plan: WritePlan,
  blocked: BlockedSheet,
): Promise<Buffer> {
  if (current.workbook) {
    applyWritePlan(current.workbook, plan);
    return workbookBuffer(current.workbook, target);
  }
  if (!current.buffer) return renderWorkbook(plan, blocked);
  try {
    return await patchWorkbook(current.buffer, plan, target, blocked);
  } catch (e) {
    if (e instanceof NameTakenError) throw new ForeignSheetError(e.sheet, target);
    if (!(e instanceof PatchUnsupported)) throw e;
  }
  const workbook = await rewritableWorkbook(current.buffer, target);
  applyWritePlan(workbook, plan);
  return workbookBuffer(workbook, target);
}

/** Temporary files of this target left by a writer that was killed before its rename. */
function removeLeftovers(target: string) {
  const dir = path.dirname(path.resolve(target));
  const prefix = `.${path.basename(target)}.ndplan-tmp-`;
  for (const f of fs.readdirSync(dir))
    if (f.startsWith(prefix)) fs.rmSync(path.join(dir, f), { force: true });
}

/** A consolidation's outcome: every row of the target as its summary reads it. */
export interface FilePushResult extends Omit<ConsolidationResult, 'rows'> {
  rows: SummaryRow[];
  target: string;
  /** Whether the target's blocks were kept (its state was current) rather than it being read back whole. */
  incremental: boolean;
}

/** The target as its state describes it, when the state is there and still true of the file. */
function currentState(buffer: Buffer): { state: TableState; segments: Deflated[] } | null {
  try {
    const found = readState(buffer);
    const state = found && decodeState(found.json);
    const segments = state && segmentsOf(found.entries, state.layout);
    return segments ? { state, segments } : null;
  } catch (e) {
    // A state part that does not inflate is no state: the target is read back whole.
    if (e instanceof ZipError) return null;
    throw e;
  }
}

/**
 * A push that keeps the blocks of the sources it does not replace: only the pushed sources'
 * blocks are read back (for the counts) and written, «Товчоо» and «Авлага» are written again.
 * Null when the target has no current state.
 */
async function pushIntoBlocks(
  target: string,
  buffer: Buffer,
  pushes: Push[],
  settings: Settings | undefined,
  name: string | undefined,
): Promise<FilePushResult | null> {
  const found = currentState(buffer);
  if (!found) return null;
  const { state, segments } = found;
  const re = planRepush(state, pushes, name || state.name, crc32Text);
  // Blocks after a source whose row count changed move: their rows are renumbered.
  const kept = keptParts(state.layout, segments, re.kept);
  const blocked = blockedSheet(re.sheets.name, re.blocks, re.result.debt, kept, state);
  let bytes: Buffer;
  try {
    bytes = await patchWorkbook(buffer, planConsolidationSheets(re.sheets, settings), target, blocked);
  } catch (e) {
    if (e instanceof NameTakenError || e instanceof PatchUnsupported || e instanceof RenumberUnavailable)
      return null;
    throw e;
  }
  writeFileAtomic(target, bytes);
  return { ...re.result, rows: re.sheets.rows.map(summaryOf), target, incremental: true };
}

export async function pushToFile(
  target: string,
  pushes: Push[],
  settings?: Settings,
  lock?: LockOptions,
  /** Who consolidates (`--as`); else the name the target already states. */
  name?: string,
  /** false: read the target back whole even when its state would let the push keep its blocks. */
  incremental = true,
): Promise<FilePushResult> {
  return withLock(
    target,
    async () => {
      // Holding the lock, no other writer has a temporary file of this target in flight.
      removeLeftovers(target);
      if (incremental && fs.existsSync(target)) {
        const buffer = fs.readFileSync(target);
        sniff(buffer, target);
        const done = await pushIntoBlocks(target, buffer, pushes, settings, name);
        if (done) return done;
      }
      const current = await readTarget(target);
      const result = consolidate(
        { rows: current.rows, debt: current.debt, name: name || current.name },
        pushes,
      );
      const plan = planConsolidation(result, settings);
      const blocks = blocksOf(result.rows, crc32Text);
      writeFileAtomic(
        target,
        await written(target, current, plan, blockedSheet(result.name ?? '', blocks, result.debt)),
      );
      return { ...result, rows: blocks.flatMap((b) => b.rows.map(summaryOf)), target, incremental: false };
    },
    lock,
  );
}
