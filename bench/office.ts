/**
 * The Office.js adapter (src/office): `context.sync()` calls and payload.
 *
 * Reading runs on office-addin-mock; its payload is the JSON size (UTF-8 bytes of
 * JSON.stringify) of what crosses the Office.js boundary:
 *  - request: the address of every range asked for (one per merged-area band) and the
 *    property names loaded;
 *  - response: every property value loaded and returned at a sync (the used range's address,
 *    values, numberFormat and valueTypes; each band's merged-area addresses).
 * As in Excel, each band of the used range answers with the merged areas whose top-left cell it
 * holds (tests/office/fakeExcel.ts answers every band with all of them, which is right for the
 * tests but would count the addresses once per band).
 *
 * Writing runs on the real Office.js library (tests/office/realExcel.ts), and its payload is the
 * UTF-8 size of each request body Office.js sends — what Excel on the web limits to about 5 MB.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { rangeAddress, type CellRange, type SheetSnapshot } from '../src/core/snapshot';
import type { WritePlan } from '../src/core/writeplan';
import { applyWritePlan, readSnapshot } from '../src/office';
import { realContext } from '../tests/office/realExcel';

export interface Traffic {
  syncs: number;
  requestBytes: number;
  responseBytes: number;
}

const encoder = new TextEncoder();
export const jsonBytes = (x: unknown) => encoder.encode(JSON.stringify(x) ?? '').length;

function quoted(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The used range of a snapshot as Office.js returns it ('' for empty), with the properties the reader loads. */
export function usedRangeOf(snap: SheetSnapshot) {
  const h = snap.values.length;
  const w = h ? snap.values[0].length : 0;
  const range: CellRange = {
    top: snap.origin.row,
    left: snap.origin.col,
    bottom: snap.origin.row + h - 1,
    right: snap.origin.col + w - 1,
  };
  const values = snap.values.map((r) => r.map((v) => (v === null ? '' : v)));
  return {
    address: `${quoted(snap.name)}!${rangeAddress(range)}`,
    values,
    numberFormat: snap.numberFormats ?? values.map((r) => r.map(() => 'General')),
    valueTypes:
      snap.valueTypes ??
      values.map((r) => r.map((v) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : 'String'))),
  };
}

/** Reads the snapshot back through src/office/read.ts; returns what was read and the traffic. */
export async function officeRead(
  snap: SheetSnapshot,
): Promise<{ snapshot: SheetSnapshot; traffic: Traffic }> {
  const traffic: Traffic = { syncs: 0, requestBytes: 0, responseBytes: 0 };
  const used = usedRangeOf(snap);
  const sheetRef = quoted(snap.name);
  /** Loaded objects and properties, answered (counted) at the next sync. */
  let pending: { obj: Record<string, unknown>; props: string[] }[] = [];
  const loader = (obj: Record<string, unknown>, props: string | string[]) => {
    const list = (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim());
    traffic.requestBytes += jsonBytes(list);
    pending.push({ obj, props: list });
  };
  const band = (address: string) => {
    traffic.requestBytes += jsonBytes(address);
    const r = parseBand(address);
    const inBand = snap.merges.filter(
      (m) => m.top >= r.top && m.top <= r.bottom && m.left >= r.left && m.left <= r.right,
    );
    const areas: Record<string, unknown> = {
      address: inBand.map((m) => `${sheetRef}!${rangeAddress(m)}`).join(','),
      isNullObject: inBand.length === 0,
      load(props: string | string[]) {
        loader(areas, props);
        return areas;
      },
    };
    return { getMergedAreasOrNullObject: () => areas };
  };
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        sheet: {
          name: snap.name,
          used,
          getUsedRangeOrNullObject(this: Record<string, unknown>) {
            return this.used;
          },
          getRange: (address: string) => band(address),
        },
        getActiveWorksheet(this: Record<string, unknown>) {
          return this.sheet;
        },
        getItem(this: Record<string, unknown>) {
          return this.sheet;
        },
      },
    },
  }) as unknown as {
    workbook: { worksheets: { sheet: Record<string, unknown> & { used: Record<string, unknown> } } };
    sync: () => Promise<void>;
  };
  const sheet = mock.workbook.worksheets.sheet;
  sheet.used.isNullObject = false;
  for (const obj of [sheet, sheet.used]) {
    const load = (obj.load as (p: string | string[]) => unknown).bind(obj);
    obj.load = (props: string | string[]) => {
      loader(obj, props);
      return load(props);
    };
  }
  const sync = mock.sync.bind(mock);
  mock.sync = async () => {
    traffic.syncs++;
    await sync();
    for (const { obj, props } of pending) for (const p of props) traffic.responseBytes += jsonBytes(obj[p]);
    pending = [];
  };
  const snapshot = await readSnapshot(mock as unknown as Excel.RequestContext);
  return { snapshot, traffic };
}

function parseBand(address: string): CellRange {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`band address ${address}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) };
}

export interface WriteTraffic {
  syncs: number;
  /** UTF-8 bytes of each request body, one per sync. */
  requests: number[];
  requestBytes: number;
}

/** Applies a write plan through src/office/write.ts on the real Office.js library, in a workbook holding `sheet`. */
export async function officeWrite(
  plan: WritePlan,
  sheet: string,
): Promise<{ traffic: WriteTraffic; ops: number; adapterSyncs: number }> {
  const { context, requests } = realContext([{ name: sheet }]);
  const result = await applyWritePlan(context, plan);
  const traffic = { syncs: requests.length, requests, requestBytes: requests.reduce((a, b) => a + b, 0) };
  return { traffic, ops: plan.ops.length, adapterSyncs: result.syncs };
}

/** 10 MB of values (as JSON) on a new sheet: 33,000 rows of Cyrillic text, two bytes a letter in UTF-8, and a number. */
export function cyrillicValuesPlan(): WritePlan {
  const sheet = 'Нэгтгэл';
  const values = Array.from({ length: 33_000 }, (_, r) =>
    Array.from({ length: 10 }, (_, c) => (c === 9 ? r : `Сангийн хэлтэс ${String(c).padStart(2, '0')}`)),
  );
  return {
    ops: [
      { op: 'addSheet', sheet },
      { op: 'setValues', sheet, row: 2, col: 1, values },
    ],
  };
}
