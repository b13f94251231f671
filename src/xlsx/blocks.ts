/**
 * A consolidated table written in blocks (DESIGN.md section 16, issue 18): «Нэгтгэл»'s part is
 * deflated as a head, segments of whole source blocks, and a tail, and a small state part records
 * each segment's size, CRC and blocks. A re-push renders only the blocks of the sources it pushes,
 * copies the deflated bytes of the segments it leaves as they were, and inflates only the
 * segments whose blocks it replaces or moves, so a 60,000-row target is not read back or rendered
 * again for one unit. The state is trusted only while the sheet's part is byte for byte the one it
 * describes (the zip's CRC and sizes): Excel or any other writer that touches the sheet makes it
 * stale, and the target is then read back whole.
 *
 * The state is a Custom XML part of the workbook, the place Office keeps an add-in's data.
 *
 * Node only (zlib).
 */
import type { KeptBlock, PartCheck, PartLayout } from '../core/repush';
import { REL } from './ooxml';
import { renumber, type RenumberJob } from './renumber';
import { crc32, deflatePart, deflateSegments, entryInfos, unzip, type Deflated, type EntryInfo } from './zip';

export const STATE_PART = 'customXml/ndplanState.xml';
const PROPS_PART = 'customXml/ndplanStateProps.xml';
const STATE_NS = 'urn:ndplan:consolidation-state';
const PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';
/** Fixed: the item is ND Plan's, whichever workbook carries it. */
const ITEM_ID = '{5E3C1B0A-8F4D-4C2E-9A6B-7D1E0F2A3B4C}';

/** The relationship from the workbook to the state, and the parts and content types it needs. */
export const STATE_REL = { type: `${REL}/customXml`, target: '../customXml/ndplanState.xml' };
export const STATE_PROPS_TYPE = { part: `/${PROPS_PART}`, type: PROPS_TYPE };

/** A segment kept from the target as its deflated bytes, with the sizes of the blocks in it. */
export interface KeptSegment {
  deflated: Deflated;
  blocks: number[];
}

/**
 * A block's XML cut out of a segment of the target, its rows renumbered when they moved: still
 * being inflated while the sheets are rendered. `size` is its size in the target.
 */
export interface KeptXml {
  size: number;
  xml: Promise<Buffer>;
}

/** A sheet to write in blocks: the first row of each block, and the blocks kept from the target. */
export interface BlockedSheet {
  sheet: string;
  cuts: number[];
  /** Block index → its XML kept from the target, to deflate again. */
  kept: Map<number, KeptXml>;
  /** First block's index → a segment of blocks kept as it is. */
  segments: Map<number, KeptSegment>;
  /** The part the kept blocks come from: the sheet must still be there. */
  part?: string;
  /** The shared strings the kept blocks refer to (kept as they are while any block is kept). */
  strings?: PartLayout['strings'];
  /** Sheets whose parts the state speaks for too: it is stale once one of them changes. */
  also: string[];
  /** The state part's JSON, once the sheet's layout is known. */
  state: (layout: PartLayout) => string;
}

// The state's own text has none of these (src/core/repush.ts): a scan, not a rewrite, of its megabytes.
const escape = (s: string) =>
  /[&<>]/.test(s) ? s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')) : s;
const unescape = (s: string) =>
  s.includes('&')
    ? s.replace(/&(amp|lt|gt);/g, (_, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'))
    : s;

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

/**
 * A blocked sheet's segments hold whole blocks, about a sixty-fourth of the part each: a zlib
 * stream per block costs a millisecond or so of set-up on the main thread, and 2,000 of them made
 * most of a national re-push. A re-push inflates again only the segments it changes.
 */
const SEGMENTS = 64;
const MIN_SEGMENT = 16 << 10;

/** Block indexes the sheet's rendering skips: their XML or their segment is kept from the target. */
export function keptIndexes(blocked: Pick<BlockedSheet, 'kept' | 'segments'>): Set<number> {
  const out = new Set(blocked.kept.keys());
  for (const [at, s] of blocked.segments) for (let i = 0; i < s.blocks.length; i++) out.add(at + i);
  return out;
}

/**
 * The sheet's part deflated from its rendered head, blocks and tail, the blocks kept from the
 * target, and its kept segments; and the state describing it. Blocks not in a kept segment are
 * packed into new segments in order.
 */
export async function assemble(
  part: string,
  rendered: (Buffer | null)[],
  blocked: BlockedSheet,
  strings: PartLayout['strings'],
  others: PartCheck[],
): Promise<{ sheet: Deflated; state: Map<string, Buffer | Deflated> }> {
  const head = rendered[0];
  const tail = rendered[rendered.length - 1];
  if (!head || !tail || rendered.length !== blocked.cuts.length + 2)
    throw new Error(`«${blocked.sheet}» is not rendered as a head, its blocks and a tail`);
  const blockOf = (i: number): Buffer | KeptXml => {
    const b = rendered[i + 1] ?? blocked.kept.get(i);
    if (!b) throw new Error(`block ${i} of «${blocked.sheet}» is neither rendered nor kept`);
    return b;
  };
  const sizeOf = (b: Buffer | KeptXml) => (Buffer.isBuffer(b) ? b.length : b.size);
  let size = head.length + tail.length;
  for (let i = 0; i < blocked.cuts.length;) {
    const s = blocked.segments.get(i);
    size += s ? s.deflated.size : sizeOf(blockOf(i));
    i += s ? s.blocks.length : 1;
  }
  const goal = Math.max(MIN_SEGMENT, Math.ceil(size / SEGMENTS));
  const segments: (Buffer | Promise<Buffer> | Deflated)[] = [head];
  const blocks: Promise<number[]>[] = [Promise.resolve([])];
  let open: (Buffer | KeptXml)[] = [];
  let bytes = 0;
  /** A new segment of the open blocks, deflated as soon as the kept ones among them are there. */
  const close = () => {
    if (!open.length) return;
    const xml = Promise.all(open.map((b) => (Buffer.isBuffer(b) ? b : b.xml)));
    segments.push(xml.then((x) => Buffer.concat(x)));
    blocks.push(xml.then((x) => x.map((b) => b.length)));
    open = [];
    bytes = 0;
  };
  for (let i = 0; i < blocked.cuts.length;) {
    const s = blocked.segments.get(i);
    if (s) {
      close();
      segments.push(s.deflated);
      blocks.push(Promise.resolve(s.blocks));
      i += s.blocks.length;
      continue;
    }
    const b = blockOf(i++);
    open.push(b);
    bytes += sizeOf(b);
    if (bytes >= goal) close();
  }
  close();
  segments.push(tail);
  blocks.push(Promise.resolve([]));
  const [{ part: sheet, segments: done }, sizes] = await Promise.all([
    deflateSegments(segments, size),
    Promise.all(blocks),
  ]);
  const layout: PartLayout = {
    part,
    size: sheet.size,
    crc: sheet.crc,
    csize: sheet.deflated.length,
    dcrc: crc32(sheet.deflated),
    segments: done.map((d, i) => ({ size: d.size, crc: d.crc, csize: d.deflated.length, blocks: sizes[i] })),
    strings,
    others,
  };
  const state: Map<string, Buffer | Deflated> = stateParts(blocked.state(layout));
  // Megabytes at a national scale, written on every push: deflated fast (a sixth larger, a third of the time).
  state.set(STATE_PART, await deflatePart(state.get(STATE_PART) as Buffer, 1));
  return { sheet, state };
}

/**
 * What a re-push keeps of the target's segments, given where each kept block lands and how far
 * its rows move: a segment whose blocks all stay together and in place is kept as its bytes;
 * out of any other segment with kept blocks, they are cut and renumbered on a worker
 * (src/xlsx/renumber.ts) while the sheets are rendered.
 */
export function keptParts(
  layout: PartLayout,
  deflated: Deflated[],
  kept: KeptBlock[],
): Pick<BlockedSheet, 'kept' | 'segments'> {
  const where = new Map(kept.map((k) => [k.from, k]));
  const out: Pick<BlockedSheet, 'kept' | 'segments'> = { kept: new Map(), segments: new Map() };
  const jobs: RenumberJob[] = [];
  /** Each job's blocks: where they land. */
  const lands: number[][] = [];
  let from = 0;
  layout.segments.forEach((seg, s) => {
    const first = from;
    from += seg.blocks.length;
    const mine = seg.blocks.map((_, i) => where.get(first + i));
    if (!mine.some(Boolean)) return;
    const at = mine[0]?.at;
    if (at !== undefined && mine.every((k, i) => k && k.at === at + i && !k.delta)) {
      out.segments.set(at, { deflated: deflated[s], blocks: seg.blocks });
      return;
    }
    const job: RenumberJob = { segment: deflated[s], cuts: [] };
    const land: number[] = [];
    let start = 0;
    seg.blocks.forEach((size, i) => {
      const k = mine[i];
      if (k) {
        job.cuts.push({ start, size, delta: k.delta });
        land.push(k.at);
      }
      start += size;
    });
    jobs.push(job);
    lands.push(land);
  });
  renumber(jobs).forEach((xml, j) =>
    lands[j].forEach((at, i) => {
      const block = xml.then((x) => x[i]);
      // Read when the part is assembled; a failure before that (the full path taken) must not go unhandled.
      block.catch(() => undefined);
      out.kept.set(at, { size: jobs[j].cuts[i].size, xml: block });
    }),
  );
  return out;
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
