/**
 * Differential dump: runs the command line over every sample and over ~2,000 generated
 * sheets and prints one line per run (command, exit code, stdout, stderr, and a digest of
 * every part of any .xlsx written, docProps left out since it holds the time of writing).
 * Run it before and after a refactor and diff the two dumps; they must be identical.
 *
 *   npx tsx scripts/differential.ts > before.txt      # the generated sheets are deterministic
 *
 * The generated workbooks and the outputs go to a fresh folder under the system's temp dir.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main';
import { unzip } from '../src/xlsx/zip';
import { TEMPLATE_HEADERS as HEADERS } from '../tests/helpers/headers';
import { xlsxBuffer, type Cell, type SheetSpec } from '../tests/helpers/workbook';

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = [
  ...fs
    .readdirSync(path.join(ROOT, 'samples'))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(ROOT, 'samples', f)),
  ...fs
    .readdirSync(path.join(ROOT, 'samples/departments'))
    .map((f) => path.join(ROOT, 'samples/departments', f)),
].sort();
const WORKBOOKS = 500;
const SHEETS_PER_WORKBOOK = 4;

/** mulberry32: a small seeded generator, so every run makes the same sheets. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

const TITLES = [
  'ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ЭХНИЙ ХАГАС ЖИЛИЙН ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ',
  'Б.ХУЛАНГИЙН 2025 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨ',
  'Б.ХУЛАНГИЙН 2025 ОНЫ III УЛИРЛЫН ТАЙЛАН',
  'Нийгмийн даатгалын ерөнхий газрын 2024 оны авлагын мэдээ',
  'АЛБАН ТУШААЛЫН ТОДОРХОЙЛОЛТ',
  'Хяналт шалгалтын хэлтэс Д.БОЛДЫН 2024 ОНЫ ЖИЛИЙН ЭЦСИЙН ТАЙЛАН',
  '',
];
const NOS = [
  '1',
  '1.1',
  '1.1.1',
  '1.1.2',
  '2.',
  '2.1.',
  '2.1.1',
  '3',
  'НЭГ. БОДЛОГЫН ЗОРИЛТ',
  'Дундаж',
  'Нийт',
  '',
  '1.1.1',
];
const TEXTS = [
  'Сургалт зохион байгуулах',
  'Хяналт шалгалт хийх',
  'Тайлан гаргах',
  'Авлага барагдуулах',
  'Иргэдэд мэдээлэл хүргэх',
  'Ажил олгогчийн тоог 46 нэмэгдүүлнэ',
  '=SUM(A1)',
  '+976',
  '-',
  '@тэмдэг',
  'Х, Ш',
  'Г,Х,Ш',
  'Х, Д',
];
const NUMBERS = [
  '17,823.5',
  '5297,4',
  '3 356.1',
  '1 617,2',
  '64645.6',
  '1,500',
  '0',
  '-12',
  '120%',
  '100 хувь',
  '95',
  'хугацаа болоогүй',
  '97,9',
  '100 %-тай',
];
const PERIODS = [
  '2024.01.02',
  '2024.01.02\n2024.12.03',
  '2024.12.03 - 2024.01.02',
  'I-IV улирал',
  'IV улирал',
  'Сар бүр',
  'Жилдээ',
  '2024.13.02',
  'III-V улирал',
];
const UNITS = ['Хан-Уул дүүрэг', 'Баянгол дүүрэг', 'Дархан-Уул аймаг', 'Орлогын хэлтэс', 'Хяналтын хэлтэс'];

function cellFor(r: ReturnType<typeof rng>, label: string, i: number): Cell {
  if (i === 0) return r.pick(NOS);
  const l = label.toLowerCase();
  if (l.includes('хувь') || l.includes('үнэлгээ'))
    return r.next() < 0.7 ? Math.round(r.next() * 130) : r.pick(NUMBERS);
  if (l.includes('хугацаа')) return r.pick(PERIODS);
  if (l.includes('нэгж') && !l.includes('хэмжих')) return r.pick(UNITS);
  if (/авлага|барагдуулсан|үлдэгдэл|зорилт \(|он$|төсөв/.test(l))
    return r.next() < 0.6 ? Math.round(r.next() * 100000) / 10 : r.pick(NUMBERS);
  return r.next() < 0.85 ? r.pick(TEXTS) : r.pick(NUMBERS);
}

function generatedSheet(seed: number, name: string): SheetSpec {
  const r = rng(seed);
  const header = r.pick(HEADERS).filter(() => r.next() > 0.05);
  const rows: Cell[][] = [[r.pick(TITLES)], []];
  if (r.next() < 0.2) rows.push(['Нэгжийн нэр:', r.pick(UNITS)]);
  rows.push(header);
  const n = 1 + r.int(25);
  for (let i = 0; i < n; i++)
    rows.push(
      r.next() < 0.05 ? [] : header.map((label, j) => (r.next() < 0.08 ? null : cellFor(r, label, j))),
    );
  return {
    name,
    rows,
    merges: r.next() < 0.5 && header.length > 1 ? [`A1:${String.fromCharCode(64 + header.length)}1`] : [],
  };
}

function digest(b: Buffer): string {
  return crypto.createHash('sha1').update(b).digest('hex').slice(0, 16);
}

/** The parts of a written workbook, docProps (time stamps) left out. */
function xlsxDigest(file: string): string {
  if (!fs.existsSync(file)) return 'none';
  const parts = unzip(fs.readFileSync(file));
  return [...parts.keys()]
    .filter((k) => !k.startsWith('docProps/'))
    .sort()
    .map((k) => `${k}=${digest(parts.get(k)!())}`)
    .join(' ');
}

async function run(
  args: string[],
  outputs: string[] = [],
  lang: 'mn' | 'en' = 'mn',
  fresh = true,
): Promise<void> {
  if (fresh) for (const o of outputs) fs.rmSync(o, { force: true });
  process.env.NDPLAN_LANG = lang;
  const r = await main(args);
  // Paths vary between runs only by the temp folder: shown relative to it.
  const clean = (s: string) => s.split(work).join('<tmp>').split(ROOT).join('<repo>');
  const shown = args.map((a) => clean(a));
  const files = outputs.map((o) => `${path.basename(o)}: ${xlsxDigest(o)}`);
  process.stdout.write(
    `${JSON.stringify({ lang, args: shown, code: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr), files })}\n`,
  );
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-diff-'));

async function dumpFile(file: string, others: string[], index: number) {
  const out = path.join(work, 'out.xlsx');
  await run(['check', file, '--json']);
  if (index % 5 === 0) await run(['check', file], [], 'en');
  await run(['draft', 'report', '--from', file, '--period', index % 2 ? 'H1' : 'FY', '--out', out], [out]);
  await run(['draft', 'plan', '--from', file, '--year', '2026', '--out', out], [out]);
  await run(['format', file, '--out', out], [out]);
  for (const other of others) {
    await run(['compare', file, other, '--json']);
    await run(['compare', other, file, '--json']);
  }
}

async function dump() {
  process.stderr.write(`work folder ${work}\n`);
  for (const [i, s] of SAMPLES.entries()) await dumpFile(s, SAMPLES, i);
  const out = path.join(work, 'cons.xlsx');
  await run(['consolidate', ...SAMPLES, '--out', out, '--json'], [out]);
  // Again into the same workbook: every row is unchanged, in both languages.
  await run(['consolidate', ...SAMPLES, '--out', out], [out], 'mn', false);
  await run(['consolidate', ...SAMPLES.slice(1), '--out', out], [out], 'en', false);

  const generated: string[] = [];
  for (let w = 0; w < WORKBOOKS; w++) {
    const sheets = Array.from({ length: SHEETS_PER_WORKBOOK }, (_, s) =>
      generatedSheet(w * 100 + s + 1, `Хуудас ${s + 1}`),
    );
    const file = path.join(work, `gen-${String(w).padStart(3, '0')}.xlsx`);
    fs.writeFileSync(file, await xlsxBuffer(sheets));
    generated.push(file);
  }
  for (const [i, g] of generated.entries()) await dumpFile(g, [generated[(i + 1) % generated.length]], i);
  for (let i = 0; i < generated.length; i += 25) {
    const cons = path.join(work, `cons-${i}.xlsx`);
    await run(['consolidate', ...generated.slice(i, i + 25), '--out', cons, '--json'], [cons]);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

dump().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
