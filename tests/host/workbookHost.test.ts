import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../../src/core/analyze';
import { planFillPercents } from '../../src/core/plans/fill';
import type { WritePlan } from '../../src/core/writeplan';
import { SETTINGS_KEY } from '../../src/host/settings';
import { workbookHostFromBytes } from '../../src/host/workbookHost';
import { loadWorkbook, worksheetSnapshot } from '../../src/xlsx/read';

const FIXTURE = path.resolve(__dirname, '../../samples/fulfilment-2024-h1.xlsx');
const SHEET = '2024 хагас жил';

const load = (storage = new Map<string, string>()) =>
  workbookHostFromBytes(new Uint8Array(fs.readFileSync(FIXTURE)), {
    fileName: 'h1.xlsx',
    storage,
    chunkSize: 3,
  });

describe('workbookHost', () => {
  test('lists sheets, reads the active sheet as the .xlsx adapter does, names the file', async () => {
    const host = await load();
    expect(host.kind).toBe('preview');
    expect(await host.listSheets()).toEqual([SHEET]);
    expect(await host.activeSheet()).toBe(SHEET);
    const reference = worksheetSnapshot(
      (await loadWorkbook(fs.readFileSync(FIXTURE), FIXTURE)).getWorksheet(SHEET)!,
    );
    expect(await host.readSheet()).toEqual(reference);
    expect(await host.readSheet(SHEET)).toEqual(reference);
    expect(await host.fileName()).toBe('h1.xlsx');
    await expect(host.readSheet('Байхгүй')).rejects.toThrow('Байхгүй');
  });

  test('applies a plan in chunks with progress, and tells listeners', async () => {
    const host = await load();
    const plan = planFillPercents(analyzeSheet(await host.readSheet()));
    const progress: number[] = [];
    let changes = 0;
    const off = host.onChange(() => changes++);
    const outcome = await host.applyPlan(plan, { onProgress: (done) => progress.push(done) });
    expect(outcome).toEqual({ done: plan.ops.length, total: plan.ops.length, aborted: false });
    expect(progress).toEqual([3, 4]);
    expect(changes).toBe(1);
    expect(host.workbook.getWorksheet(SHEET)!.getCell('H10').value).toBe(100);
    off();
    await host.applyPlan(plan);
    expect(changes).toBe(1);
  });

  test('stops between chunks when aborted, keeping what was written', async () => {
    const host = await load();
    const plan: WritePlan = {
      ops: Array.from({ length: 9 }, (_, i) => ({
        op: 'setValues' as const,
        sheet: SHEET,
        row: 100 + i,
        col: 1,
        values: [[`x${i}`]],
      })),
    };
    const controller = new AbortController();
    const outcome = await host.applyPlan(plan, {
      signal: controller.signal,
      onProgress: (done) => done >= 3 && controller.abort(),
    });
    expect(outcome).toEqual({ done: 3, total: 9, aborted: true });
    const ws = host.workbook.getWorksheet(SHEET)!;
    expect(ws.getCell('A102').value).toBe('x2');
    expect(ws.getCell('A103').value ?? null).toBeNull();
    const aborted = new AbortController();
    aborted.abort();
    expect(await host.applyPlan(plan, { signal: aborted.signal })).toEqual({
      done: 0,
      total: 9,
      aborted: true,
    });
  });

  test('selects cells and activates sheets for the preview grid', async () => {
    const host = await load();
    host.workbook.addWorksheet('Товчоо');
    const seen: unknown[] = [];
    host.onChange(() => seen.push(host.selection()));
    await host.selectCell(SHEET, 13, 7);
    expect(host.selection()).toEqual({ sheet: SHEET, row: 13, col: 7 });
    host.activate('Товчоо');
    expect(await host.activeSheet()).toBe('Товчоо');
    expect((await host.readSheet()).name).toBe('Товчоо');
    expect(seen).toHaveLength(2);
    await expect(host.selectCell('Байхгүй', 1, 1)).rejects.toThrow();
  });

  test('settings go to the injected storage and come back validated', async () => {
    const storage = new Map<string, string>();
    const host = await load(storage);
    expect(await host.loadSettings()).toEqual({});
    const settings = {
      lang: 'en' as const,
      scale: {
        thresholds: [90, 60, 30] as [number, number, number],
        thirdLevelLabel: 40 as const,
        rounding: 'truncate' as const,
      },
      yearOverride: 2024,
      liveCheck: false,
    };
    await host.saveSettings(settings);
    expect(JSON.parse(storage.get(SETTINGS_KEY)!)).toEqual(settings);
    expect(await host.loadSettings()).toEqual(settings);
    storage.set(SETTINGS_KEY, '{"lang":"fr","scale":{"thresholds":[10,60,30]}}');
    expect(await host.loadSettings()).toEqual({
      scale: { thresholds: [90, 60, 30], thirdLevelLabel: 30, rounding: 'half-up' },
    });
  });

  test('loads from an ArrayBuffer as well (the browser gives one)', async () => {
    const b = fs.readFileSync(FIXTURE);
    const host = await workbookHostFromBytes(
      b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
    );
    expect(await host.listSheets()).toEqual([SHEET]);
    expect(await host.fileName()).toBe('');
  });

  test('imports nothing from Node', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../src/host/workbookHost.ts'), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs['"]|path['"])/);
    expect(source).not.toMatch(/\bBuffer\./);
  });

  test('sheet events: the user activating a sheet or editing a cell, never the add-in writing', async () => {
    const host = await load();
    const events: string[] = [];
    const stop = await host.watchSheets((e) => events.push(e));
    host.workbook.addWorksheet('Other');
    host.activate('Other');
    host.activate('Other');
    host.editCell({ sheet: SHEET, row: 10, col: 8 }, 100);
    expect(host.workbook.getWorksheet(SHEET)!.getCell(10, 8).value).toBe(100);
    await host.applyPlan({ ops: [{ op: 'setValues', sheet: SHEET, row: 1, col: 1, values: [['x']] }] });
    expect(events).toEqual(['activated', 'changed']);
    await stop();
    host.activate(SHEET);
    expect(events).toEqual(['activated', 'changed']);
  });
});
