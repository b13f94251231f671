/**
 * Zips with Node's zlib: compresses the entries of a stored (uncompressed) zip, and zips the
 * parts of a workbook written without ExcelJS (src/xlsx/render.ts). ExcelJS compresses
 * through JSZip's JavaScript deflate, which took a third of the time of writing a consolidated
 * workbook; zlib does the same work natively, and the large entries (the sheets, the shared
 * strings) in parallel on the thread pool.
 *
 * Only what a zip writer such as JSZip produces is expected: one disk, no ZIP64, no
 * encryption. Entries that are already compressed are copied as they are.
 */
import { envNumber } from './env';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General purpose flag: sizes and CRC in a data descriptor after the data. */
const DATA_DESCRIPTOR = 0x0008;

interface Entry {
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  name: Buffer;
  internalAttributes: number;
  externalAttributes: number;
  data: Buffer;
}

/** A zip that is malformed, or whose parts are too large or too compressed to inflate safely. */
export class ZipError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'too-large',
    detail: string,
  ) {
    super(`zip: ${detail}`);
    this.name = 'ZipError';
  }
}

/** Limits on inflating one part: what a real workbook needs, far below what a bomb asks for. */
export interface InflateLimits {
  /** Largest uncompressed part, in bytes (NDPLAN_MAX_PART_MB overrides the default 200 MB). */
  maxPartBytes: number;
  /** Largest ratio of uncompressed to compressed size, for parts above a megabyte. */
  maxRatio: number;
}

export function inflateLimits(): InflateLimits {
  return { maxPartBytes: (envNumber('NDPLAN_MAX_PART_MB') ?? 200) * 1024 * 1024, maxRatio: 1000 };
}

function readEntries(zip: Buffer): Entry[] {
  try {
    return readEntriesUnchecked(zip);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    // A read past the end of the buffer: offsets that point nowhere.
    throw new ZipError('corrupt', (e as Error).message);
  }
}

function readEntriesUnchecked(zip: Buffer): Entry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  if (end < 0) throw new ZipError('corrupt', 'no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  // ZIP64 marks its sizes and offsets 0xFFFFFFFF: no workbook of the size ND Plan reads needs it.
  if (count === 0xffff || p === 0xffffffff) throw new ZipError('too-large', 'ZIP64');
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new ZipError('corrupt', 'bad central directory');
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const offset = zip.readUInt32LE(p + 42);
    const compressedSize = zip.readUInt32LE(p + 20);
    if (compressedSize === 0xffffffff || zip.readUInt32LE(p + 24) === 0xffffffff || offset === 0xffffffff)
      throw new ZipError('too-large', 'ZIP64');
    if (zip.readUInt32LE(offset) !== LOCAL) throw new ZipError('corrupt', 'bad local header');
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    if (start + compressedSize > zip.length) throw new ZipError('corrupt', 'part beyond the end of the file');
    entries.push({
      versionMadeBy: zip.readUInt16LE(p + 4),
      versionNeeded: zip.readUInt16LE(p + 6),
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      time: zip.readUInt16LE(p + 12),
      date: zip.readUInt16LE(p + 14),
      crc: zip.readUInt32LE(p + 16),
      compressedSize,
      size: zip.readUInt32LE(p + 24),
      name: zip.subarray(p + 46, p + 46 + nameLength),
      internalAttributes: zip.readUInt16LE(p + 36),
      externalAttributes: zip.readUInt32LE(p + 38),
      data: zip.subarray(start, start + compressedSize),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one part within the limits: the declared size is checked first, then the real one
 * (a size can lie), so a bomb stops after at most the limit's worth of output. The CRC is
 * checked too: a cut or flipped part is corrupt, never half read.
 */
function inflateEntry(e: Entry, name: string, limits: InflateLimits): Buffer {
  const tooLarge = (n: number) =>
    n > limits.maxPartBytes || (n > 1 << 20 && n > e.compressedSize * limits.maxRatio);
  if (tooLarge(e.size)) throw new ZipError('too-large', `${name}: ${e.size} bytes`);
  let data: Buffer;
  if (e.method === STORED) data = e.data;
  else if (e.method === DEFLATED) {
    const cap = Math.min(limits.maxPartBytes, Math.max(1 << 20, e.compressedSize * limits.maxRatio)) + 1;
    try {
      data = zlib.inflateRawSync(e.data, { maxOutputLength: cap });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ZipError('too-large', name);
      throw new ZipError('corrupt', `${name}: ${(err as Error).message}`);
    }
  } else throw new ZipError('corrupt', `compression method ${e.method} of ${name}`);
  if (tooLarge(data.length)) throw new ZipError('too-large', name);
  if (data.length !== e.size || crc32(data) !== e.crc) throw new ZipError('corrupt', `${name}: size or CRC`);
  return data;
}

/** The entries of a zip by name, each uncompressed (within the limits) when asked for. */
export function unzip(zip: Buffer, limits: InflateLimits = inflateLimits()): Map<string, () => Buffer> {
  const out = new Map<string, () => Buffer>();
  for (const e of readEntries(zip)) {
    const name = e.name.toString('utf8');
    out.set(name, () => inflateEntry(e, name, limits));
  }
  return out;
}

/**
 * Checks every part of a package a whole-workbook reader (ExcelJS) would inflate: sizes,
 * ratios, CRCs. Parts that reader has no use for (themes, pictures, embedded objects) are left
 * out of the returned zip, so they are never inflated at all.
 */
export function checkedPackage(
  zip: Buffer,
  keep: (name: string) => boolean,
  limits = inflateLimits(),
): Buffer {
  const entries = readEntries(zip).filter((e) => keep(e.name.toString('utf8')));
  let total = 0;
  for (const e of entries) {
    total += inflateEntry(e, e.name.toString('utf8'), limits).length;
    if (total > limits.maxPartBytes * 2) throw new ZipError('too-large', 'package');
  }
  return writeEntries(entries);
}

/**
 * Parts larger than this are deflated in pieces on several threads at once, as pigz does: every
 * piece but the last ends with a sync flush (on a byte boundary, not final), so the pieces
 * joined are one deflate stream. Each piece starts without the previous one's window, which
 * costs a few bytes in a megabyte.
 */
const PIECE = 1 << 20;

/**
 * A blocked part's segments are deflated with an 8 KB window and a smaller hash table: set up in
 * half the time of zlib's defaults (measured when each of 2,000 blocks was a segment: 250 ms
 * instead of 500), and rows of a few hundred bytes find their repeats within 8 KB (0.4 % smaller).
 */
const SEGMENT = { windowBits: 13, memLevel: 6 };

/** `final` false: the stream ends in a sync flush, so more deflated bytes may follow it. */
function deflate(data: Buffer, level: number, final = true, tuning: zlib.ZlibOptions = {}): Promise<Buffer> {
  const pieces: Promise<Buffer>[] = [];
  for (let at = 0; at < data.length || at === 0; at += PIECE) {
    const last = at + PIECE >= data.length;
    const flush = last && final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
    const piece = data.subarray(at, at + PIECE);
    // One output chunk for the whole piece: zlib's default 16 KB chunks each cost a round trip.
    const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, piece.length + 1024);
    pieces.push(deflateRaw(piece, { level, finishFlush: flush, chunkSize, ...tuning }));
  }
  return pieces.length === 1 ? pieces[0] : Promise.all(pieces).then((p) => Buffer.concat(p));
}

/**
 * Parts above this size are deflated at level 1: the 60,000-row sheet and shared strings of a
 * national consolidation (114 MB of XML) took 2.2 s of CPU at level 6 and made 8.9 MB, at level 1
 * 0.8 s and 13.0 MB; a re-push rewrites them every time.
 */
const FAST_ABOVE = 8 << 20;

const levelFor = (size: number, level: number) => (size > FAST_ABOVE ? 1 : level);

/** Deflates an entry in place, unless that would not make it smaller. */
async function pack(e: Entry, level: number): Promise<void> {
  if (e.method !== STORED || e.size === 0) return;
  const packed = await deflate(e.data, levelFor(e.size, level));
  if (packed.length >= e.data.length) return;
  e.data = packed;
  e.compressedSize = packed.length;
  e.method = DEFLATED;
  e.versionNeeded = Math.max(e.versionNeeded, 20);
}

/**
 * The same zip with every stored entry deflated (kept stored when that would not be smaller),
 * after `edit` has had its say on each stored entry's bytes.
 */
export async function deflateStoredEntries(
  zip: Buffer,
  level = 6,
  edit: (name: string, data: Buffer) => Buffer = (_, d) => d,
): Promise<Buffer> {
  const entries = readEntries(zip);
  for (const e of entries) {
    if (e.method !== STORED) continue;
    const data = edit(e.name.toString('utf8'), e.data);
    if (data === e.data) continue;
    e.data = data;
    e.size = e.compressedSize = data.length;
    e.crc = crc32(data);
  }
  await Promise.all(entries.map((e) => pack(e, level)));
  return writeEntries(entries);
}

/** CRC-32 as zip wants it: zlib's own where Node has it (20.15+), else table-driven. */
export const crc32: (data: Uint8Array) => number =
  typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : tableCrc32;

/** CRC-32 of a text's UTF-8 bytes: zlib takes the text itself, without a buffer made for it. */
export const crc32Text: (text: string) => number =
  typeof zlib.crc32 === 'function'
    ? (text) => zlib.crc32(text)
    : (text) => tableCrc32(Buffer.from(text, 'utf8'));

let crcTable: Int32Array | undefined;

/** The zip CRC-32 computed in JavaScript, a byte at a time. */
export function tableCrc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial, bits reflected (zlib's multmodp). a must not be 0. */
function multmodp(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0…31. */
const X2N = (() => {
  const t = new Uint32Array(32);
  let p = 0x40000000;
  t[0] = p;
  for (let k = 1; k < 32; k++) t[k] = p = multmodp(p, p);
  return t;
})();

/**
 * The CRC-32 of A followed by B from the CRCs of A and B and the length of B (zlib's
 * crc32_combine): a part made of blocks kept compressed from an earlier write gets its CRC
 * without inflating them.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  let n = lengthB;
  let k = 3;
  let p = 0x80000000;
  while (n) {
    if (n & 1) p = multmodp(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return (multmodp(p, crcA) ^ crcB) >>> 0;
}

/** A part's bytes already deflated (raw deflate), with the size and CRC-32 of what they inflate to. */
export interface Deflated {
  deflated: Buffer;
  size: number;
  crc: number;
}

/**
 * A part made of segments deflated one by one, each from an empty window and ended by a sync
 * flush on a byte boundary (the last one finished), so the concatenation is one deflate stream
 * and any segment's bytes can be kept in a later write while the others change. A segment is
 * raw bytes to deflate, raw bytes still being made (deflated as soon as they are there), or the
 * deflated bytes of an earlier write (never the last one). `size`, the part's size, sets the
 * level when some bytes are still to come.
 */
export async function deflateSegments(
  segments: (Buffer | Promise<Buffer> | Deflated)[],
  size = segments.reduce(
    (n, s) => n + (Buffer.isBuffer(s) ? s.length : s instanceof Promise ? 0 : s.size),
    0,
  ),
  level = 6,
): Promise<{ part: Deflated; segments: Deflated[] }> {
  const last = segments[segments.length - 1];
  if (!last || !(Buffer.isBuffer(last) || last instanceof Promise))
    throw new Error('deflateSegments: the last segment must be raw bytes');
  const lvl = levelFor(size, level);
  const done = await Promise.all(
    segments.map(async (s, i): Promise<Deflated> => {
      if (!(Buffer.isBuffer(s) || s instanceof Promise)) return s;
      const raw = await s;
      return {
        deflated: await deflate(raw, lvl, i === segments.length - 1, SEGMENT),
        size: raw.length,
        crc: crc32(raw),
      };
    }),
  );
  let crc = 0;
  for (const d of done) crc = crc32Combine(crc, d.crc, d.size);
  const total = done.reduce((n, d) => n + d.size, 0);
  return { part: { deflated: Buffer.concat(done.map((d) => d.deflated)), size: total, crc }, segments: done };
}

/** A whole part deflated at `level`, for a part ND Plan rewrites on every push and reads only itself. */
export async function deflatePart(data: Buffer, level: number): Promise<Deflated> {
  return { deflated: await deflate(data, level), size: data.length, crc: crc32(data) };
}

/** What the central directory says of one part, and its deflated bytes (a view into the zip). */
export interface EntryInfo {
  /** Deflated, as opposed to stored. */
  deflated: boolean;
  size: number;
  crc: number;
  data: Buffer;
}

/** The zip's parts as its central directory lists them, none inflated. */
export function entryInfos(zip: Buffer): Map<string, EntryInfo> {
  const out = new Map<string, EntryInfo>();
  for (const e of readEntries(zip))
    out.set(e.name.toString('utf8'), {
      deflated: e.method === DEFLATED,
      size: e.size,
      crc: e.crc,
      data: e.data,
    });
  return out;
}

/** 1 January 1980 as an MS-DOS date, the earliest a zip can hold: the same parts always make the same bytes. */
const DOS_DATE = 1 | (1 << 5);

/** A new entry: stored, for pack() to deflate. */
function entryOf(name: string, data: Buffer): Entry {
  return {
    versionMadeBy: 20,
    versionNeeded: 10,
    flags: 0,
    method: STORED,
    time: 0,
    date: DOS_DATE,
    crc: crc32(data),
    compressedSize: data.length,
    size: data.length,
    name: Buffer.from(name, 'utf8'),
    internalAttributes: 0,
    externalAttributes: 0,
    data,
  };
}

async function packed(name: string, data: Buffer | Deflated, level: number): Promise<Entry> {
  if (!Buffer.isBuffer(data))
    return {
      ...entryOf(name, Buffer.alloc(0)),
      versionNeeded: 20,
      method: DEFLATED,
      crc: data.crc,
      size: data.size,
      compressedSize: data.deflated.length,
      data: data.deflated,
    };
  const e = entryOf(name, data);
  await pack(e, level);
  return e;
}

/** A zip written part by part: each part is deflated on zlib's thread pool as soon as it is added. */
export class ZipWriter {
  private readonly entries: Promise<Entry>[] = [];

  constructor(private readonly level = 6) {}

  add(name: string, data: Buffer | Deflated): void {
    this.entries.push(packed(name, data, this.level));
  }

  /** The zip, its entries in the order they were added. */
  async finish(): Promise<Buffer> {
    return writeEntries(await Promise.all(this.entries));
  }
}

/**
 * The zip with some parts replaced (in place), added (at the end) or removed (null): every
 * other part is copied as its compressed bytes, never inflated and deflated again.
 */
export async function patchZip(
  zip: Buffer,
  changes: Map<string, Buffer | Deflated | null>,
  level = 6,
): Promise<Buffer> {
  const out: Promise<Entry>[] = [];
  const seen = new Set<string>();
  for (const e of readEntries(zip)) {
    const name = e.name.toString('utf8');
    seen.add(name);
    const data = changes.get(name);
    if (data === undefined) out.push(Promise.resolve(e));
    else if (data) out.push(packed(name, data, level));
  }
  for (const [name, data] of changes) if (data && !seen.has(name)) out.push(packed(name, data, level));
  return writeEntries(await Promise.all(out));
}

function writeEntries(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    // Sizes are known now: no data descriptor, no extra fields.
    const flags = e.flags & ~DATA_DESCRIPTOR;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(e.versionNeeded, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(e.versionMadeBy, 4);
    dir.writeUInt16LE(e.versionNeeded, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt16LE(e.time, 12);
    dir.writeUInt16LE(e.date, 14);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.compressedSize, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(e.name.length, 28);
    dir.writeUInt16LE(0, 30);
    dir.writeUInt16LE(0, 32);
    dir.writeUInt16LE(0, 34);
    dir.writeUInt16LE(e.internalAttributes, 36);
    dir.writeUInt32LE(e.externalAttributes, 38);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, e.name, e.data);
    central.push(dir, e.name);
    offset += local.length + e.name.length + e.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
