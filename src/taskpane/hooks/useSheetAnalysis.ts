import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { analyzeSheet } from '../../core/analyze';
import type { Meta, SheetAnalysis, TemplateId } from '../../core/model';
import { patchSnapshot, rereadOf, type Reread, type SheetChange } from '../../core/patch';
import type { SheetSnapshot } from '../../core/snapshot';
import type { Host, UserSettings } from '../../host/host';
import { analyzeOptions, type SheetOverrides } from '../logic';

/** Quiet time after the last sheet event before the sheet is read again. */
export const LIVE_CHECK_DELAY_MS = 1000;

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SheetState {
  status: LoadStatus;
  /** Not read yet, or being read. */
  pending: boolean;
  error: string | null;
  snapshot: SheetSnapshot | null;
  analysis: SheetAnalysis | null;
  /** Corrections per sheet name (kept when the user switches sheets and comes back). */
  overrides: Record<string, SheetOverrides>;
  /** Reads the active sheet again and analyses it. */
  reload(): Promise<SheetAnalysis | null>;
  /** How many times live checking has read the sheet. */
  liveChecks: number;
  /**
   * The pane itself is about to activate `sheet` (a new summary or draft, a plan row): live
   * checking keeps the current sheet until the user activates another one.
   */
  leaveFor(sheet: string): void;
  setTemplate(template: TemplateId): void;
  setColumn(field: string, letter: string): void;
  setMeta(meta: Partial<Meta>): void;
}

/** The active sheet: read once, analysed again (without reading) whenever settings or corrections change. */
export function useSheetAnalysis(host: Host, settings: UserSettings, enabled: boolean): SheetState {
  const [status, setStatus] = useState<LoadStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const [snapshot, setSnapshot] = useState<SheetSnapshot | null>(null);
  const [overrides, setOverrides] = useState<Record<string, SheetOverrides>>({});

  const analyze = useCallback(
    (snap: SheetSnapshot, all: Record<string, SheetOverrides>) =>
      analyzeSheet(snap, analyzeOptions(settings, all[snap.name])),
    [settings],
  );

  const analysis = useMemo(
    () => (snapshot ? analyze(snapshot, overrides) : null),
    [snapshot, overrides, analyze],
  );

  const reload = useCallback(async () => {
    setStatus('loading');
    setError(null);
    try {
      const snap = await host.readSheet();
      setSnapshot(snap);
      setStatus('ready');
      return analyze(snap, overrides);
    } catch (e) {
      setError((e as Error).message ?? String(e));
      setStatus('error');
      return null;
    }
  }, [host, analyze, overrides]);

  // Live checking: events debounced, then one read that replaces the snapshot in place; status
  // stays "ready", so the list keeps its scroll, focus and open sections. After plain edits only
  // the changed cells are read and patched in (core/patch.ts, one round trip); an activation, a
  // structural or unknown change reads the whole sheet (readSheet, ≤ 2 syncs).
  const [liveChecks, setLiveChecks] = useState(0);
  const live = enabled && settings.liveCheck;
  const leftFor = useRef<string | null>(null);
  const current = useRef<SheetSnapshot | null>(null);
  current.current = snapshot;
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    /** Edits since the last re-check; null once something asks for a full read. */
    let changes: SheetChange[] | null = [];
    const readAgain = async (plan: Reread): Promise<SheetSnapshot> => {
      const have = current.current;
      if (plan.kind === 'cells' && have && host.readCells) {
        const got = await host.readCells(plan.sheet, plan.ranges);
        // Edits on another sheet leave the checked one as it is.
        return got.sheet === have.name ? patchSnapshot(have, got.cells) : have;
      }
      return host.readSheet();
    };
    const recheck = async () => {
      const plan = rereadOf(changes, current.current?.merges);
      changes = [];
      try {
        const snap = await readAgain(plan);
        if (stopped) return;
        if (snap.name === leftFor.current) return;
        leftFor.current = null;
        setSnapshot(snap);
        setStatus('ready');
        setError(null);
        setLiveChecks((n) => n + 1);
      } catch {
        // A sheet mid-edit or deleted: the next event reads it again.
      }
    };
    const unwatch = host
      .watchSheets((event, change) => {
        changes = event === 'changed' && change && changes ? [...changes, change] : null;
        clearTimeout(timer);
        timer = setTimeout(() => void recheck(), LIVE_CHECK_DELAY_MS);
      })
      .catch((): (() => Promise<void>) => async () => undefined);
    return () => {
      stopped = true;
      clearTimeout(timer);
      void unwatch.then((stop) => stop()).catch(() => undefined);
    };
  }, [host, live]);

  const started = useRef(false);
  useEffect(() => {
    if (!enabled || started.current) return;
    started.current = true;
    void reload();
  }, [enabled, reload]);

  const update = useCallback(
    (fn: (o: SheetOverrides) => SheetOverrides) => {
      if (!snapshot) return;
      const name = snapshot.name;
      setOverrides((all) => ({ ...all, [name]: fn(all[name] ?? {}) }));
    },
    [snapshot],
  );

  return {
    status,
    pending: status === 'idle' || status === 'loading',
    error,
    snapshot,
    analysis,
    overrides,
    reload,
    liveChecks,
    leaveFor: (name) => {
      leftFor.current = name === snapshot?.name ? null : name;
    },
    // Another template maps columns its own way: earlier column corrections no longer apply.
    setTemplate: (template) => update((o) => ({ ...o, template, columns: undefined })),
    setColumn: (field, letter) =>
      update((o) => ({ ...o, columns: { ...(o.columns ?? {}), [field]: letter } })),
    setMeta: (meta) => update((o) => ({ ...o, meta: { ...(o.meta ?? {}), ...meta } })),
  };
}
