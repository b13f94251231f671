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

  /**
   * The pushes of the selected sheets (one per sheet, read now), given to either destination:
   * this workbook (below) or the shared workbook (useSharedPush). `all` is the workbook's sheet
   * list when the caller has just read it.
   */
  const collectPushes = useCallback(
    async (all?: string[]): Promise<Push[]> => {
      const present = all ?? (await host.listSheets());
      const file = await host.fileName();
      const pushes: Push[] = [];
      for (const name of (sheets ?? [])
        .map((s) => s.name)
        .filter((n) => selected.has(n) && present.includes(n))) {
        const a = analyzeNamed(await host.readSheet(name));
        pushes.push(pushOf(a, file, { unit: a.meta.unit || identity.unit.trim(), person: a.meta.person || identity.person.trim() }));
      }
      const lacking = pushes.flatMap((p) => {
        const missing = missingIdentity(p);
        return missing.length ? [{ sheet: p.source.sheet, missing }] : [];
      });
      setUnnamed(lacking);
      return pushes;
    },
    [host, sheets, selected, analyzeNamed, identity],
  );

  /** Reads the current consolidation and the selected sheets, and upserts (pure, nothing written). */
  const build = useCallback(async (): Promise<{ result: ConsolidationResult; confirmed: boolean }> => {
    const all = await host.listSheets();
    const table = async <T>(sheet: string, columns: TableColumn<T>[]): Promise<T[]> => {
      if (!all.includes(sheet)) return [];
      return readOwnTable<T>(await host.readSheet(sheet), columns);
    };
    const state = {
      rows: await table<ConsolidatedRow>(SHEETS.rows, ROW_COLUMNS),
      debt: await table<DebtRow>(SHEETS.debt, DEBT_COLUMNS),
      name: identity.name.trim() || (all.includes(SHEETS.rows) ? readName(await host.readSheet(SHEETS.rows)) : ''),
    };
    const pushes = await collectPushes(all);
    return { result: consolidate(state, pushes), confirmed: pushes.every((p) => missingIdentity(p).length === 0) };
  }, [host, collectPushes, identity.name]);

  const runPreview = useCallback(async (): Promise<Counts> => {
    const counts = countsOf((await build()).result);
    setPreview(counts);
    return counts;
  }, [build]);

  const push = useCallback(
    async (applier: Applier): Promise<{ result: ConsolidationResult; outcome: ApplyOutcome } | null> => {
      const { result, confirmed } = await build();
      setPreview(countsOf(result));
      // Rows are never written under an empty unit or person: the user fills them in first.
      if (!confirmed) return null;
      const outcome = await applier.apply(planConsolidation(result, settings.scale));
      return { result, outcome };
    },
    [build, settings.scale],
  );

  return { sheets, selected, toggle, preview, error, reload: load, collectPushes, runPreview, push, identity, setIdentity, unnamed };
}
