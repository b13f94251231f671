/**
 * A consolidated table written in blocks (DESIGN.md section 16, issue 18): «Нэгтгэл»'s part is
 * deflated as a head, one segment per source's rows, and a tail, and a small state part records
 * the segments' sizes and CRCs. A re-push renders only the blocks of the sources it pushes and
 * copies the other blocks' deflated bytes, so a 60,000-row target is not read back or rendered
 * again for one unit. The state is trusted only while the sheet's part is byte for byte the one it
 * describes (the zip's CRC and sizes): Excel or any other writer that touches the sheet makes it
 * stale, and the target is then read back whole.
 *
 * The state is a Custom XML part of the workbook, the place Office keeps an add-in's data.
 *
 * Node only (zlib).
 */
import type { PartCheck, PartLayout } from '../core/repush';
import { REL } from './ooxml';
import { crc32, deflateSegments, entryInfos, unzip, type Deflated, type EntryInfo } from './zip';

export const STATE_PART = 'customXml/ndplanState.xml';
const PROPS_PART = 'customXml/ndplanStateProps.xml';
const STATE_NS = 'urn:ndplan:consolidation-state';
const PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';
/** Fixed: the item is ND Plan's, whichever workbook carries it. */
const ITEM_ID = '{5E3C1B0A-8F4D-4C2E-9A6B-7D1E0F2A3B4C}';

/** The relationship from the workbook to the state, and the parts and content types it needs. */
export const STATE_REL = { type: `${REL}/customXml`, target: '../customXml/ndplanState.xml' };
export const STATE_PROPS_TYPE = { part: `/${PROPS_PART}`, type: PROPS_TYPE };

/** A sheet to write in blocks: the first row of each block, and the blocks kept from the target. */
export interface BlockedSheet {
  sheet: string;
  cuts: number[];
  /** Block index → its deflated bytes as they are, or its XML to deflate again (rows renumbered). */
  kept: Map<number, Deflated | Buffer>;
  /** The part the kept blocks come from: the sheet must still be there. */
  part?: string;
  /** The shared strings the kept blocks refer to (kept as they are while any block is kept). */
  strings?: PartLayout['strings'];
  /** Sheets whose parts the state speaks for too: it is stale once one of them changes. */
  also: string[];
  /** The state part's JSON, once the sheet's layout is known. */
  state: (layout: PartLayout) => string;
}

const escape = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt);/g, (_, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));

/** The state part and its properties part, with the properties' relationship. */
export function stateParts(json: string): Map<string, Buffer> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return new Map([
    [STATE_PART, Buffer.from(`${head}<state xmlns="${STATE_NS}">${escape(json)}</state>`, 'utf8')],
    [
      PROPS_PART,
      Buffer.from(
        `${head}<ds:datastoreItem ds:itemID="${ITEM_ID}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${STATE_NS}"/></ds:schemaRefs></ds:datastoreItem>`,
        'utf8',
      ),
    ],
    [
      'customXml/_rels/ndplanState.xml.rels',
      Buffer.from(
        `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/customXmlProps" Target="ndplanStateProps.xml"/></Relationships>`,
        'utf8',
      ),
    ],
  ]);
}

/** The sheet's part deflated from its rendered segments and kept blocks, and the state describing it. */
export async function assemble(
  part: string,
  rendered: (Buffer | null)[],
  blocked: BlockedSheet,
  strings: PartLayout['strings'],
  others: PartCheck[],
): Promise<{ sheet: Deflated; state: Map<string, Buffer> }> {
  const segments = rendered.map((s, i) => {
    if (s) return s;
    const kept = blocked.kept.get(i - 1);
    if (!kept) throw new Error(`block ${i - 1} of «${blocked.sheet}» is neither rendered nor kept`);
    return kept;
  });
  const { part: sheet, segments: done } = await deflateSegments(segments);
  const layout: PartLayout = {
    part,
    size: sheet.size,
    crc: sheet.crc,
    csize: sheet.deflated.length,
    dcrc: crc32(sheet.deflated),
    segments: done.map((d) => ({ size: d.size, crc: d.crc, csize: d.deflated.length })),
    strings,
    others,
  };
  return { sheet, state: stateParts(blocked.state(layout)) };
}

/** What the state checks of a part it speaks for. */
export const checkOf = (part: string, bytes: Buffer): PartCheck => ({
  part,
  size: bytes.length,
  crc: crc32(bytes),
});

/** The state a target carries, with its parts as the zip lists them; null when it has none. */
export function readState(zip: Buffer): { json: string; entries: Map<string, EntryInfo> } | null {
  // Inflated as any part is: within the limits, its CRC checked.
  const xml = unzip(zip).get(STATE_PART)?.();
  if (!xml) return null;
  const m = /^<\?xml[^>]*\?>\s*<state xmlns="[^"]*">([^<]*)<\/state>\s*$/.exec(xml.toString('utf8'));
  return m ? { json: unescape(m[1]), entries: entryInfos(zip) } : null;
}

/**
 * The segments of the sheet's part in the zip, when the part is exactly the one the layout
 * describes: its text (size, CRC) and its deflated bytes (size, CRC: another zip writer can
 * deflate the same text to as many other bytes); null when anything else wrote it since.
 */
export function segmentsOf(entries: Map<string, EntryInfo>, layout: PartLayout): Deflated[] | null {
  const e = entries.get(layout.part);
  if (!e || !e.deflated || e.crc !== layout.crc || e.size !== layout.size || e.data.length !== layout.csize)
    return null;
  if (crc32(e.data) !== layout.dcrc) return null;
  for (const c of [...(layout.strings ? [layout.strings] : []), ...layout.others]) {
    const p = entries.get(c.part);
    if (!p || p.crc !== c.crc || p.size !== c.size) return null;
  }
  const out: Deflated[] = [];
  let at = 0;
  for (const s of layout.segments) {
    out.push({ deflated: e.data.subarray(at, at + s.csize), size: s.size, crc: s.crc });
    at += s.csize;
  }
  return at === layout.csize ? out : null;
}

/**
 * A block's rows moved by `delta` rows: every ` r="…N"` (a row's number, a cell's reference)
 * gets N + delta. The block is ND Plan's own XML, where a quote in text is always escaped, so the
 * pattern is never inside a value. Latin-1 keeps every byte as one character, UTF-8 or not; a
 * plain scan does it in half the time of a regular expression (1.3 million references at 60,000 rows).
 */
export function shiftRows(xml: Buffer, delta: number): Buffer {
  if (!delta) return xml;
  const text = xml.toString('latin1');
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(' r="'); at >= 0; at = text.indexOf(' r="', from)) {
    let i = at + 4;
    let c = text.charCodeAt(i);
    while (c >= 0x41 && c <= 0x5a) c = text.charCodeAt(++i);
    const digits = i;
    let n = 0;
    while (c >= 0x30 && c <= 0x39) {
      n = n * 10 + c - 0x30;
      c = text.charCodeAt(++i);
    }
    if (c !== 0x22 || i === digits) throw new Error('shiftRows: not a row or cell reference');
    out.push(text.slice(from, digits), String(n + delta));
    from = i;
  }
  out.push(text.slice(from));
  return Buffer.from(out.join(''), 'latin1');
}
