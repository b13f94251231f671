/**
 * Zips built by hand, to make the packages no writer makes: parts that lie about their size,
 * bombs, cut or missing parts. Deflate pieces made with a full flush join into one stream, so a
 * gibibyte of zeros costs a megabyte of work and a kilobyte of zip.
 */
import zlib from 'node:zlib';
import { unzip } from '../../src/xlsx/zip';

export interface RawPart {
  name: string;
  /** Deflated bytes (method 8). */
  deflated: Buffer;
  size: number;
  crc: number;
}

export type Part = { name: string; data: Buffer } | RawPart;

function raw(p: Part): RawPart {
  if ('deflated' in p) return p;
  return {
    name: p.name,
    deflated: zlib.deflateRawSync(p.data),
    size: p.data.length,
    crc: zlib.crc32(p.data),
  };
}

export function zipOf(parts: Part[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts.map(raw)) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(part.crc, 16);
    dir.writeUInt32LE(part.deflated.length, 20);
    dir.writeUInt32LE(part.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    out.push(local, name, part.deflated);
    central.push(dir, name);
    offset += 30 + name.length + part.deflated.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}

/** The parts of a zip, inflated. */
export function partsOf(zip: Buffer): { name: string; data: Buffer }[] {
  return [...unzip(zip)].map(([name, read]) => ({ name, data: read() }));
}

/** `mib` mebibytes of one repeated byte as a deflated part, with its true size and CRC. */
export function bombPart(name: string, mib: number, fill = 0x20): RawPart {
  const block = Buffer.alloc(1 << 20, fill);
  const piece = zlib.deflateRawSync(block, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const end = zlib.deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(block, crc);
  return {
    name,
    deflated: Buffer.concat([...Array<Buffer>(mib).fill(piece), end]),
    size: (mib * (1 << 20)) >>> 0,
    crc,
  };
}
