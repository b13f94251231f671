/**
 * Blocks cut out of a target's segments and renumbered, on a worker thread (issue 18). When a
 * unit of a national table gains a row, the 58,000 rows after it move: their 1.3 million row
 * and cell references take a quarter of a second to rewrite, and on the main thread that time
 * would add to rendering «Товчоо» instead of running beside it. The worker inflates each segment
 * itself, so it starts at once and needs nothing from the main thread until its results are read.
 *
 * Its code is a plain script, the same under tsx, jest and node, with no build step. Node only.
 */
import { Worker } from 'node:worker_threads';
import { ZipError, type Deflated } from './zip';

/** A block in a segment: where its XML starts, its size, and how many rows it moves by. */
export interface Cut {
  start: number;
  size: number;
  delta: number;
}

export interface RenumberJob {
  segment: Deflated;
  cuts: Cut[];
}

/**
 * The worker. A block is ND Plan's own XML, where a quote in text is always escaped, so ` r="`
 * followed by capitals and digits and a quote is a row's number or a cell's reference and
 * nothing else: every such number N becomes N + delta. Bytes are scanned as they are (UTF-8
 * text passes through untouched), into one buffer per segment handed over without a copy.
 * The segment's CRC is checked where zlib has one (Node 20.15+); its bytes are already the ones
 * the state describes (src/xlsx/blocks.ts, segmentsOf).
 */
const SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');

function digits(n) {
  let d = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) d++;
  return d;
}

/** Cuts of xml, renumbered, one after another into out from o; the new end. */
function renumber(xml, start, end, delta, out, o) {
  for (let i = start; i < end; ) {
    const c = xml[i++];
    out[o++] = c;
    if (c !== 0x22 || i - 4 < start || xml[i - 2] !== 0x3d || xml[i - 3] !== 0x72 || xml[i - 4] !== 0x20) continue;
    while (xml[i] >= 0x41 && xml[i] <= 0x5a) out[o++] = xml[i++];
    const from = i;
    let n = 0;
    while (xml[i] >= 0x30 && xml[i] <= 0x39) n = n * 10 + xml[i++] - 0x30;
    n += delta;
    if (xml[i] !== 0x22 || i === from || i >= end || n < 1) throw new Error('not a row or cell reference');
    const d = digits(n);
    for (let k = o + d - 1; k >= o; k--, n = Math.floor(n / 10)) out[k] = 0x30 + (n % 10);
    o += d;
  }
  return o;
}

parentPort.once('message', (jobs) => {
  jobs.forEach((job, i) => {
    try {
      const xml = zlib.inflateRawSync(job.deflated, {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(1, job.size) + 1,
      });
      if (xml.length !== job.size || (zlib.crc32 && zlib.crc32(xml) !== job.crc)) throw new Error('size or CRC');
      // A number grows by at most as many digits as the step has; a reference takes at least six bytes.
      let room = 0;
      for (const [, size, delta] of job.cuts) room += size + (delta > 0 ? Math.ceil(size / 6) * digits(delta) : 0);
      const out = Buffer.allocUnsafeSlow(room);
      const sizes = [];
      let o = 0;
      for (const [start, size, delta] of job.cuts) {
        if (start < 0 || start + size > xml.length) throw new Error('a block outside its segment');
        const end = delta ? renumber(xml, start, start + size, delta, out, o) : o + xml.copy(out, o, start, start + size);
        sizes.push(end - o);
        o = end;
      }
      parentPort.postMessage({ i, data: out.buffer, sizes }, [out.buffer]);
    } catch (e) {
      parentPort.postMessage({ i, error: String(e && e.message) });
    }
  });
  parentPort.close();
});
`;

/** The worker could not run or stopped before it answered: the target is then read back whole. */
export class RenumberUnavailable extends Error {
  constructor(detail: string) {
    super(`renumbering: ${detail}`);
    this.name = 'RenumberUnavailable';
  }
}

interface Reply {
  i: number;
  data?: ArrayBuffer;
  sizes?: number[];
  error?: string;
}

/**
 * Each job's blocks, inflated and renumbered on one worker, in the order of its cuts: a promise
 * per job, which fails as a corrupt zip when the segment is not what it claims to be.
 */
export function renumber(jobs: RenumberJob[]): Promise<Buffer[]>[] {
  if (!jobs.length) return [];
  const settle: { resolve: (b: Buffer[]) => void; reject: (e: Error) => void }[] = [];
  const done = jobs.map((): Promise<Buffer[]> => {
    const p = new Promise<Buffer[]>((resolve, reject) => settle.push({ resolve, reject }));
    // Read when the part is assembled; a failure before that must not go unhandled.
    p.catch(() => undefined);
    return p;
  });
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true });
  } catch (e) {
    settle.forEach((s) => s.reject(new RenumberUnavailable((e as Error).message)));
    return done;
  }
  worker.on('message', ({ i, data, sizes, error }: Reply) => {
    if (!data || !sizes) return settle[i].reject(new ZipError('corrupt', `segment: ${error}`));
    let at = 0;
    settle[i].resolve(sizes.map((n) => Buffer.from(data, (at += n) - n, n)));
  });
  // Settling twice changes nothing: these reach only the jobs still waiting.
  worker.on('error', (e) => settle.forEach((s) => s.reject(new RenumberUnavailable(e.message))));
  worker.on('exit', () => settle.forEach((s) => s.reject(new RenumberUnavailable('stopped'))));
  // Each segment copied out of the target's bytes, handed over without another copy.
  const payload = jobs.map((j) => ({
    deflated: new Uint8Array(j.segment.deflated),
    size: j.segment.size,
    crc: j.segment.crc,
    cuts: j.cuts.map((c) => [c.start, c.size, c.delta]),
  }));
  worker.postMessage(
    payload,
    payload.map((p) => p.deflated.buffer),
  );
  return done;
}
