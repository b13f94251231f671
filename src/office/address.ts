import { parseRange, type CellRange } from '../core/snapshot';

/**
 * The areas of an address as Office.js reports it (`Sheet1!A1:B2`, or several areas joined by
 * commas as in `'Plan, 2025'!A1:C1,'Plan, 2025'!A2:A3`), without their sheet names.
 */
export function splitAreas(address: string): string[] {
  const areas: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= address.length; i++) {
    if (address[i] === "'")
      quoted = !quoted; // '' inside a quoted name toggles twice
    else if (!quoted && (i === address.length || address[i] === ',')) {
      areas.push(address.slice(start, i));
      start = i + 1;
    }
  }
  // A sheet name may contain '!' (it is then quoted), a cell address never does.
  return areas.map((a) => a.slice(a.lastIndexOf('!') + 1).trim()).filter((a) => a !== '');
}

export function toCellRange(address: string): CellRange {
  return parseRange(splitAreas(address)[0]);
}
