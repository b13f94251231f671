import { useCallback, useEffect, useRef, useState } from 'react';
import { analyzeSheet } from '../../core/analyze';
import {
  DEBT_COLUMNS,
  ROW_COLUMNS,
  consolidate,
  missingIdentity,
  pushOf,
  readName,
  readOwnTable,
  type TableColumn,
  type ConsolidatedRow,
  type ConsolidationResult,
  type DebtRow,
  type Push,
} from '../../core/consolidate';
import type { TemplateId } from '../../core/model';
import { SHEETS, planConsolidation } from '../../core/plans/consolidation';
import type { SheetSnapshot } from '../../core/snapshot';
import { hasRole } from '../../core/templates';
import type { ApplyOutcome, Host, UserSettings } from '../../host/host';
import { analyzeOptions, consolidationCandidates, type SheetOverrides } from '../logic';
import type { Applier } from './useApplier';

export interface SheetChoice {
  name: string;
  template: TemplateId | null;
}

/** What the user confirms before a push (section 16): who consolidates, and a unit or person a title lacks. */
export interface Identity {
  name: string;
  unit: string;
  person: string;
}

/** A selected sheet whose title names no unit or person. */
export interface Unnamed {
  sheet: string;
  missing: ('unit' | 'person')[];
}

export interface Counts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** How a push reads its sheets: each sheet is one unit of progress, and cancel is checked between sheets. */
export interface ReadControl {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** What a push came to: written, stopped before writing (cancel), or waiting for a unit or person. */
export type PushOutcome =
  | { kind: 'pushed'; result: ConsolidationResult; outcome: ApplyOutcome }
  | { kind: 'cancelled' }
  | { kind: 'unconfirmed' };

/** Thrown between two sheet reads when the user cancelled: nothing has been written yet. */
class Cancelled extends Error {}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const countsOf = (r: ConsolidationResult): Counts => ({
  added: r.added,
  updated: r.updated,
  removed: r.removed,
  unchanged: r.unchanged,
});

/**
 * Consolidation into this workbook: which sheets to push (those whose template is consolidated pre-selected), the
 * preview of what a push changes, and the push itself.
 */
export function useConsolidation(
  host: Host,
  settings: UserSettings,
  overrides: Record<string, SheetOverrides>,
) {
  const [sheets, setSheets] = useState<SheetChoice[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<Counts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [identity, setIdentity] = useState<Identity>({ name: '', unit: '', person: '' });
  /** Set when a push found sheets without a unit or person: nothing is written until they are filled in. */
  const [unnamed, setUnnamed] = useState<Unnamed[]>([]);

  const analyzeNamed = useCallback(
    (snap: SheetSnapshot) => analyzeSheet(snap, analyzeOptions(settings, overrides[snap.name])),
    [settings, overrides],
  );

  // The sheet list is read when the tab opens and when the user asks (with the settings of that
  // moment), not on every settings change: `load` reads the latest analyzer through a ref.
  const analyzeLatest = useRef(analyzeNamed);
  useEffect(() => {
    analyzeLatest.current = analyzeNamed;
  }, [analyzeNamed]);

  const load = useCallback(async () => {
    setError(null);
    try {
      const names = consolidationCandidates(await host.listSheets());
      const choices: SheetChoice[] = [];
      for (const name of names)
        choices.push({ name, template: analyzeLatest.current(await host.readSheet(name)).template });
      setSheets(choices);
      setSelected(new Set(choices.filter((c) => hasRole(c.template, 'consolidate')).map((c) => c.name)));
      setPreview(null);
    } catch (e) {
      setError((e as Error).message ?? String(e));
      setSheets([]);
    }
  }, [host]);

  useEffect(() => {
    void load();
  }, [load]);

  const toggle = useCallback((name: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
    setPreview(null);
  }, []);

  /** The selected sheets present in the workbook, in the order listed. */
  const chosen = useCallback(
    (present: string[]) =>
      (sheets ?? []).map((s) => s.name).filter((n) => selected.has(n) && present.includes(n)),
    [sheets, selected],
  );

  /**
   * The pushes of the selected sheets (one per sheet, read now), given to either destination:
   * this workbook (below) or the shared workbook (useSharedPush). `all` is the workbook's sheet
   * list when the caller has just read it; `read` reads one sheet (a push counts and may cancel).
   */
  const collectPushes = useCallback(
    async (
      all?: string[],
      read: (name: string) => Promise<SheetSnapshot> = (n) => host.readSheet(n),
    ): Promise<Push[]> => {
      const present = all ?? (await host.listSheets());
      const file = await host.fileName();
      const pushes: Push[] = [];
      for (const name of chosen(present)) {
        const a = analyzeNamed(await read(name));
        pushes.push(
          pushOf(a, file, {
            unit: a.meta.unit || identity.unit.trim(),
            person: a.meta.person || identity.person.trim(),
          }),
        );
      }
      const lacking = pushes.flatMap((p) => {
        const missing = missingIdentity(p);
        return missing.length ? [{ sheet: p.source.sheet, missing }] : [];
      });
      setUnnamed(lacking);
      return pushes;
    },
    [host, chosen, analyzeNamed, identity],
  );

  /**
   * Reads the current consolidation and the selected sheets, and upserts (pure, nothing written).
   * With a control, every sheet read is a unit of progress followed by a yield to the UI, and a
   * cancel between two reads throws Cancelled.
   */
  const build = useCallback(
    async (control?: ReadControl): Promise<{ result: ConsolidationResult; confirmed: boolean }> => {
      const all = await host.listSheets();
      const own = [SHEETS.rows, SHEETS.debt].filter((n) => all.includes(n));
      const total = own.length + chosen(all).length;
      let done = 0;
      control?.onProgress?.(done, total);
      const read = async (name: string) => {
        if (control?.signal?.aborted) throw new Cancelled();
        const snap = await host.readSheet(name);
        if (control) {
          control.onProgress?.(++done, total);
          await nextTask();
          if (control.signal?.aborted) throw new Cancelled();
        }
        return snap;
      };
      const snaps = new Map<string, SheetSnapshot>();
      for (const name of own) snaps.set(name, await read(name));
      const table = <T>(sheet: string, columns: TableColumn<T>[]): T[] => {
        const snap = snaps.get(sheet);
        return snap ? readOwnTable<T>(snap, columns) : [];
      };
      const rowsSheet = snaps.get(SHEETS.rows);
      const state = {
        rows: table<ConsolidatedRow>(SHEETS.rows, ROW_COLUMNS),
        debt: table<DebtRow>(SHEETS.debt, DEBT_COLUMNS),
        name: identity.name.trim() || (rowsSheet ? readName(rowsSheet) : ''),
      };
      const pushes = await collectPushes(all, read);
      return {
        result: consolidate(state, pushes),
        confirmed: pushes.every((p) => missingIdentity(p).length === 0),
      };
    },
    [host, chosen, collectPushes, identity.name],
  );

  const runPreview = useCallback(async (): Promise<Counts> => {
    const counts = countsOf((await build()).result);
    setPreview(counts);
    return counts;
  }, [build]);

  /**
   * Reads every sheet first (cancellable between sheets), then writes the whole plan at the end:
   * a cancel leaves the workbook as it was, and the write itself is not cut halfway.
   */
  const push = useCallback(
    async (applier: Applier, control: ReadControl = {}): Promise<PushOutcome> => {
      let built: Awaited<ReturnType<typeof build>>;
      try {
        built = await build(control);
      } catch (e) {
        if (e instanceof Cancelled) return { kind: 'cancelled' };
        throw e;
      }
      const { result, confirmed } = built;
      setPreview(countsOf(result));
      // Rows are never written under an empty unit or person: the user fills them in first.
      if (!confirmed) return { kind: 'unconfirmed' };
      const outcome = await applier.apply(planConsolidation(result, settings.scale));
      return { kind: 'pushed', result, outcome };
    },
    [build, settings.scale],
  );

  return {
    sheets,
    selected,
    toggle,
    preview,
    error,
    reload: load,
    collectPushes,
    runPreview,
    push,
    identity,
    setIdentity,
    unnamed,
  };
}
