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

function readEntries(zip: Buffer): Entry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  if (end < 0) throw new Error('zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('zip: bad central directory');
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const offset = zip.readUInt32LE(p + 42);
    const compressedSize = zip.readUInt32LE(p + 20);
    if (zip.readUInt32LE(offset) !== LOCAL) throw new Error('zip: bad local header');
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
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

/** The entries of a zip by name, each uncompressed when asked for. */
export function unzip(zip: Buffer): Map<string, () => Buffer> {
  const out = new Map<string, () => Buffer>();
  for (const e of readEntries(zip)) {
    const name = e.name.toString('utf8');
    out.set(name, () => {
      if (e.method === STORED) return e.data;
      if (e.method === DEFLATED) return zlib.inflateRawSync(e.data);
      throw new Error(`zip: compression method ${e.method} of ${name}`);
    });
  }
  return out;
}

/**
 * Parts larger than this are deflated in pieces on several threads at once, as pigz does: every
 * piece but the last ends with a sync flush (on a byte boundary, not final), so the pieces
 * joined are one deflate stream. Each piece starts without the previous one's window, which
 * costs a few bytes in a megabyte.
 */
const PIECE = 1 << 20;

function deflate(data: Buffer, level: number): Promise<Buffer> {
  if (data.length <= PIECE) return deflateRaw(data, { level });
  const pieces: Promise<Buffer>[] = [];
  for (let at = 0; at < data.length; at += PIECE) {
    const flush = at + PIECE < data.length ? zlib.constants.Z_SYNC_FLUSH : zlib.constants.Z_FINISH;
    pieces.push(deflateRaw(data.subarray(at, at + PIECE), { level, finishFlush: flush }));
  }
  return Promise.all(pieces).then((p) => Buffer.concat(p));
}

/** Deflates an entry in place, unless that would not make it smaller. */
async function pack(e: Entry, level: number): Promise<void> {
  if (e.method !== STORED || e.size === 0) return;
  const packed = await deflate(e.data, level);
  if (packed.length >= e.data.length) return;
  e.data = packed;
  e.compressedSize = packed.length;
  e.method = DEFLATED;
  e.versionNeeded = Math.max(e.versionNeeded, 20);
}

/** The same zip with every stored entry deflated (kept stored when that would not be smaller). */
export async function deflateStoredEntries(zip: Buffer, level = 6): Promise<Buffer> {
  const entries = readEntries(zip);
  await Promise.all(entries.map((e) => pack(e, level)));
  return writeEntries(entries);
}

/** CRC-32 as zip wants it: zlib's own where Node has it (20.15+), else table-driven. */
export const crc32: (data: Uint8Array) => number =
  typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : tableCrc32;

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

/** 1 January 1980 as an MS-DOS date, the earliest a zip can hold: the same parts always make the same bytes. */
const DOS_DATE = 1 | (1 << 5);

/** A zip written part by part: each part is deflated on zlib's thread pool as soon as it is added. */
export class ZipWriter {
  private readonly entries: Promise<Entry>[] = [];

  constructor(private readonly level = 6) {}

  add(name: string, data: Buffer): void {
    const e: Entry = {
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
    this.entries.push(pack(e, this.level).then(() => e));
  }

  /** The zip, its entries in the order they were added. */
  async finish(): Promise<Buffer> {
    return writeEntries(await Promise.all(this.entries));
  }
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
