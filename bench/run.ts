/**
 * `npm run bench`: measured speed and size against the budgets of DESIGN.md section 11.
 *
 * Prints one JSON line per measurement, then a short table. Every timing is the median of
 * --runs runs (default 5) after one warm-up, with min and max (and the process's CPU time);
 * ratios are taken between medians measured in the same process, interleaved run by run so
 * that a busy machine slows both sides alike. No garbage collection is forced between runs: a
 * forced full collection made the next analysis two to three times slower (measured; V8 then
 * starts again from a small young generation), which no user ever sees.
 *
 *   npm run bench                         everything (1–2 minutes on 2 cores, with a fresh task pane build)
 *   npm run bench -- --only engine,office  some sections: engine linearity consolidation office bundle bombs word
 *   npm run bench -- --runs 7 --keep      more runs; keep the generated workbooks
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import ExcelJS from 'exceljs';
import { pushesOf } from '../src/cli/consolidate';
import { analyzeSheet } from '../src/core/analyze';
import type { SheetAnalysis } from '../src/core/model';
import { planFillPercents } from '../src/core/plans/fill';
import { planFormat } from '../src/core/plans/format';
import type { SheetSnapshot } from '../src/core/snapshot';
import { pushToFile } from '../src/targets/file';
import { worksheetSnapshot } from '../src/xlsx/read';
import { CASES as BOMB_CASES } from './bombs';
import { readDocx } from '../src/docx/read';
import { performanceReport, unitReport, unitSpecs, writeXlsx } from './generate';
import { hundredPages, writeDocx } from './word';
import { NATIONAL_BUDGET, REPUSHES, national } from './national';
import { cyrillicValuesPlan, officeRead, officeWrite } from './office';
import { MB, mb, measure, median, round1, timing, type Timing } from './stats';

const ROOT = path.resolve(__dirname, '..');
const SIZES = [5000, 10000, 20000];
const BIG = 20000;
const UNITS = 60;
const UNIT_ACTIVITIES = 150;
/** The official React task-pane template's hello-world, gzip (STACK-NOTES.md). */
const TEMPLATE_GZIP = 169 * 1024;

const BUDGET = {
  engineOverLoad: 0.25,
  engineAim: 0.1,
  /** 20k ÷ 5k engine time: 4 is linear; up to 5 (25 % above linear) passes. */
  linearity: 5,
  consolidationOverLoad: 1.5,
  repushMs: 2000,
  readSyncs: 2,
  writeSyncsBase: 2,
  writeBytesPerSync: 4 * MB,
  /** "Well under a second" for a 100-page Word report (DESIGN.md section 15). */
  wordPagesMs: 500,
};

interface Args {
  only: Set<string> | null;
  runs: number;
  keep: boolean;
  /** Unit workbooks of the national case (2,000 by default: 60,000 rows). */
  nationalUnits: number;
  /** Interleaved (load, consolidate) rounds of the national case, whose medians are reported. */
  nationalRounds: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { only: null, runs: 5, keep: false, nationalUnits: 2000, nationalRounds: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') a.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--runs') a.runs = Math.max(5, Number(argv[++i]));
    else if (argv[i] === '--keep') a.keep = true;
    else if (argv[i] === '--national-units') a.nationalUnits = Math.max(20, Number(argv[++i]));
    else if (argv[i] === '--national-rounds') a.nationalRounds = Math.max(1, Number(argv[++i]));
  }
  return a;
}

const results: Record<string, unknown>[] = [];
function emit(bench: string, data: Record<string, unknown>) {
  const line = { bench, ...data };
  results.push(line);
  console.log(JSON.stringify(line));
}

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const t1 = (t: Timing & { cpuMedianMs?: number }) => ({
  medianMs: t.medianMs,
  minMs: t.minMs,
  maxMs: t.maxMs,
  runs: t.runs,
  ...(t.cpuMedianMs !== undefined ? { cpuMedianMs: t.cpuMedianMs } : {}),
});
/** CPU time of the process (all threads: the GC's helpers count), in ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function machine() {
  const cpu =
    /model name\s*:\s*(.*)/.exec(
      fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '',
    )?.[1] ??
    os.cpus()[0]?.model ??
    '?';
  emit('machine', {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    node: process.version,
    cpu: cpu.trim(),
    memMB: Math.round(os.totalmem() / MB),
    loadavg: os.loadavg().map((x) => round1(x)),
  });
}

// ---------------------------------------------------------------------------------------------

interface Inputs {
  dir: string;
  reports: Map<number, string>;
  units: string[];
  /** unit-01 with other figures, to re-push a real change. */
  unitChanged: string;
}

async function generate(dir: string, need: { reports: boolean; units: boolean }): Promise<Inputs> {
  const t = performance.now();
  const reports = new Map<number, string>();
  let bytes = 0;
  if (need.reports)
    for (const n of SIZES) {
      const file = path.join(dir, `report-${n}.xlsx`);
      bytes += await writeXlsx(file, [performanceReport(n)]);
      reports.set(n, file);
    }
  const units: string[] = [];
  let unitChanged = '';
  if (need.units) {
    const specs = unitSpecs(UNITS);
    for (const spec of specs) {
      const file = path.join(dir, spec.file);
      bytes += await writeXlsx(file, [unitReport(spec, UNIT_ACTIVITIES)]);
      units.push(file);
    }
    // The same unit, sheet and activities with other texts and figures: every row is updated.
    unitChanged = path.join(dir, 'changed', specs[0].file);
    fs.mkdirSync(path.dirname(unitChanged));
    await writeXlsx(unitChanged, [
      performanceReport(UNIT_ACTIVITIES, { seed: 99_000, unit: specs[0].unit, person: specs[0].person }),
    ]);
  }
  emit('generate', {
    dir,
    reports: Object.fromEntries([...reports].map(([n, f]) => [n, fs.statSync(f).size])),
    units: units.length,
    unitActivities: UNIT_ACTIVITIES,
    bytes,
    ms: Math.round(performance.now() - t),
  });
  return { dir, reports, units, unitChanged };
}

async function loadExcel(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function snapshotOf(file: string): Promise<SheetSnapshot> {
  return worksheetSnapshot((await loadExcel(fs.readFileSync(file))).worksheets[0]);
}

// ---------------------------------------------------------------------------------------------

interface EngineOut {
  snapshot: SheetSnapshot;
  analysis: SheetAnalysis;
}

async function engine(inputs: Inputs, runs: number): Promise<EngineOut> {
  const file = inputs.reports.get(BIG)!;
  const buf = fs.readFileSync(file);
  const load: number[] = [];
  const snap: number[] = [];
  const analyze: number[] = [];
  const cpu = { load: [] as number[], snap: [] as number[], analyze: [] as number[] };
  let out: EngineOut | null = null;
  for (let i = -1; i < runs; i++) {
    let t = performance.now();
    let c = cpuMs();
    let wb: ExcelJS.Workbook | null = await loadExcel(buf);
    const l = performance.now() - t;
    const lc = cpuMs() - c;
    t = performance.now();
    c = cpuMs();
    const snapshot = worksheetSnapshot(wb.worksheets[0]);
    const s = performance.now() - t;
    const sc = cpuMs() - c;
    // The engine works on the snapshot alone: ExcelJS's model of the workbook is let go first.
    wb = null;
    t = performance.now();
    c = cpuMs();
    const analysis = analyzeSheet(snapshot);
    const a = performance.now() - t;
    const ac = cpuMs() - c;
    if (i >= 0) {
      load.push(l);
      snap.push(s);
      analyze.push(a);
      cpu.load.push(lc);
      cpu.snap.push(sc);
      cpu.analyze.push(ac);
    }
    out = { snapshot, analysis };
  }
  const L = { ...timing(load), cpuMedianMs: round1(median(cpu.load)) };
  const S = { ...timing(snap), cpuMedianMs: round1(median(cpu.snap)) };
  const A = { ...timing(analyze), cpuMedianMs: round1(median(cpu.analyze)) };
  const rows = out!.snapshot.values.length;
  const common = { activities: BIG, rows, fileBytes: buf.length };
  emit('engine.load', { ...common, what: 'new ExcelJS.Workbook().xlsx.load(buffer)', ...t1(L) });
  emit('engine.snapshot', { ...common, what: 'worksheetSnapshot (src/xlsx/read.ts)', ...t1(S) });
  emit('engine.analyze', {
    ...common,
    what: 'analyzeSheet: recognize + parse + validate + measure',
    issues: out!.analysis.issues.length,
    issuesPer100: round1((out!.analysis.issues.length / BIG) * 100),
    ...t1(A),
  });
  const r = ratio(A.medianMs, L.medianMs);
  const rs = ratio(A.medianMs + S.medianMs, L.medianMs);
  emit('engine.ratio', {
    analyzeOverLoad: r,
    snapshotAndAnalyzeOverLoad: rs,
    cpuAnalyzeOverLoad: ratio(A.cpuMedianMs, L.cpuMedianMs),
    budget: BUDGET.engineOverLoad,
    aim: BUDGET.engineAim,
    pass: r <= BUDGET.engineOverLoad,
  });

  // Memory, each step in a fresh process.
  const snapFile = path.join(inputs.dir, `snapshot-${BIG}.v8`);
  fs.writeFileSync(snapFile, v8.serialize(out!.snapshot));
  const loadMem = child(['load', file]) as {
    load: Record<string, number>;
    snapshot: Record<string, number>;
  } | null;
  const analyzeMem = child(['analyze', snapFile]) as { analyze: Record<string, number> } | null;
  if (loadMem) emit('engine.memory.load', { activities: BIG, ...loadMem.load });
  if (loadMem) emit('engine.memory.snapshot', { activities: BIG, ...loadMem.snapshot });
  if (analyzeMem) emit('engine.memory.analyze', { activities: BIG, ...analyzeMem.analyze });
  return out!;
}

function child(args: string[]): unknown {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', path.join(__dirname, 'memory.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    emit('error', { step: `memory ${args[0]}`, status: r.status, stderr: r.stderr.slice(-400) });
    return null;
  }
}

async function linearity(inputs: Inputs, runs: number, big: SheetSnapshot | null) {
  const snaps = new Map<number, SheetSnapshot>();
  for (const n of SIZES) snaps.set(n, n === BIG && big ? big : await snapshotOf(inputs.reports.get(n)!));
  const samples = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  const cpu = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  for (let i = -1; i < runs; i++)
    for (const n of SIZES) {
      const t = performance.now();
      const c = cpuMs();
      analyzeSheet(snaps.get(n)!);
      const ms = performance.now() - t;
      if (i >= 0) {
        samples.get(n)!.push(ms);
        cpu.get(n)!.push(cpuMs() - c);
      }
    }
  const med = new Map<number, number>();
  const cmed = new Map<number, number>();
  for (const n of SIZES) {
    const t = { ...timing(samples.get(n)!), cpuMedianMs: round1(median(cpu.get(n)!)) };
    med.set(n, t.medianMs);
    cmed.set(n, t.cpuMedianMs);
    emit('engine.linearity', {
      activities: n,
      rows: snaps.get(n)!.values.length,
      ...t1(t),
      msPer1000: round1(t.medianMs / (n / 1000)),
    });
  }
  const r = ratio(med.get(BIG)!, med.get(SIZES[0])!);
  emit('engine.linearity.ratio', {
    ratio20kOver5k: r,
    ratio10kOver5k: ratio(med.get(10000)!, med.get(SIZES[0])!),
    cpuRatio20kOver5k: ratio(cmed.get(BIG)!, cmed.get(SIZES[0])!),
    linear: BIG / SIZES[0],
    budget: BUDGET.linearity,
    pass: r <= BUDGET.linearity,
  });
}

async function consolidation(inputs: Inputs, runs: number) {
  const files = inputs.units;
  const load: number[] = [];
  const cons: number[] = [];
  const read: number[] = [];
  const write: number[] = [];
  let target = '';
  let last: Awaited<ReturnType<typeof pushToFile>> | null = null;
  for (let i = -1; i < runs; i++) {
    let t = performance.now();
    for (const f of files) await loadExcel(fs.readFileSync(f));
    const l = performance.now() - t;
    target = path.join(inputs.dir, `target-${i + 1}.xlsx`);
    t = performance.now();
    const pushes = await pushesOf(files);
    const r = performance.now() - t;
    last = await pushToFile(target, pushes);
    const c = performance.now() - t;
    if (i >= 0) {
      load.push(l);
      cons.push(c);
      read.push(r);
      write.push(c - r);
    }
  }
  const L = timing(load);
  const C = timing(cons);
  const activities = files.length * UNIT_ACTIVITIES;
  emit('consolidation.load', {
    workbooks: files.length,
    activities,
    what: 'ExcelJS load of the 60 workbooks',
    ...t1(L),
  });
  emit('consolidation.consolidate', {
    workbooks: files.length,
    activities,
    what: 'pushesOf (read + analyze) + pushToFile (new target)',
    rows: last!.rows.length,
    targetBytes: fs.statSync(target).size,
    readAndAnalyzeMs: round1(median(read)),
    pushToFileMs: round1(median(write)),
    ...t1(C),
  });
  const r = ratio(C.medianMs, L.medianMs);
  emit('consolidation.ratio', {
    consolidateOverLoad: r,
    budget: BUDGET.consolidationOverLoad,
    pass: r <= BUDGET.consolidationOverLoad,
  });

  // Re-push one unit into the full target, alternating two versions so that every push changes its 150 rows.
  const versions = [inputs.unitChanged, files[0]];
  const counts: Record<string, number>[] = [];
  const { timing: R } = await measure(runs, async (i) => {
    const pushes = await pushesOf([versions[(i + 1) % 2]]);
    const res = await pushToFile(target, pushes);
    counts.push({ added: res.added, updated: res.updated, removed: res.removed, unchanged: res.unchanged });
    return res;
  });
  emit('consolidation.repush', {
    targetRows: last!.rows.length,
    what: 'pushesOf(one unit) + pushToFile(full target)',
    ...counts[counts.length - 1],
    ...t1(R),
    budgetMs: BUDGET.repushMs,
    pass: R.medianMs <= BUDGET.repushMs,
  });
}

async function office(big: EngineOut | null, inputs: Inputs | null, runs: number) {
  const snapshot = big?.snapshot ?? (await snapshotOf(inputs!.reports.get(BIG)!));
  const { snapshot: read, traffic: rt } = await officeRead(snapshot);
  const analysis = analyzeSheet(read);
  emit('office.read', {
    activities: BIG,
    syncs: rt.syncs,
    requestBytes: rt.requestBytes,
    responseBytes: rt.responseBytes,
    responseMB: mb(rt.responseBytes),
    sameAnalysis:
      analysis.activities.length === BIG && (!big || analysis.issues.length === big.analysis.issues.length),
    budgetSyncs: BUDGET.readSyncs,
    pass: rt.syncs <= BUDGET.readSyncs,
  });
  const plans = {
    format: () => planFormat(read, analysis),
    fill: () => planFillPercents(analysis),
    // Not the sheet's: 10 MB of values, to be cut into requests under the limit.
    values: cyrillicValuesPlan,
  };
  for (const [name, make] of Object.entries(plans)) {
    const { timing: P, last: plan } = await measure(runs, () => make());
    const { traffic: w, ops } = await officeWrite(plan, read.name);
    const allowed = BUDGET.writeSyncsBase + Math.floor(w.requestBytes / BUDGET.writeBytesPerSync);
    const largest = Math.max(...w.requests);
    const mb2 = (bytes: number) => Math.round((bytes / MB) * 100) / 100;
    emit(`office.${name}`, {
      activities: name === 'values' ? undefined : BIG,
      ops,
      planMs: P.medianMs,
      syncs: w.syncs,
      requestBytes: w.requestBytes,
      requestMB: mb(w.requestBytes),
      requestMBPerSync: w.requests.map(mb2),
      largestRequestMB: mb2(largest),
      budgetSyncs: allowed,
      budgetRequestMB: BUDGET.writeBytesPerSync / MB,
      pass: w.syncs <= allowed && largest <= BUDGET.writeBytesPerSync,
    });
  }
}

/** The newest modification time of the files under these paths. */
function newest(paths: string[]): number {
  let t = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const st = fs.statSync(p);
    if (st.isDirectory()) t = Math.max(t, newest(fs.readdirSync(p).map((f) => path.join(p, f))));
    else t = Math.max(t, st.mtimeMs);
  }
  return t;
}

function bundle() {
  let dist = path.join(ROOT, 'dist');
  let source = 'dist/';
  let buildMs: number | null = null;
  const page = path.join(dist, 'taskpane.html');
  // dist/ is measured when it is at least as new as the sources; else a fresh build is.
  if (
    !fs.existsSync(page) ||
    newest([
      path.join(ROOT, 'src'),
      path.join(ROOT, 'webpack.config.js'),
      path.join(ROOT, 'package-lock.json'),
    ]) > fs.statSync(page).mtimeMs
  ) {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-bench-dist-'));
    source = 'webpack --mode production (temporary output; dist/ absent or older than the sources)';
    const t = performance.now();
    execFileSync(
      process.platform === 'win32' ? 'npx.cmd' : 'npx',
      ['webpack', '--mode', 'production', '--output-path', dist],
      { cwd: ROOT, stdio: 'ignore' },
    );
    buildMs = Math.round(performance.now() - t);
  }
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'size-report.js'), dist], {
    encoding: 'utf8',
  });
  const files = out
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length === 3 && p[0] !== 'total' && /^\d+$/.test(p[1]))
    .map(([file, bytes, gzip]) => ({ file, bytes: Number(bytes), gzipBytes: Number(gzip) }));
  const gzipBytes = (JSON.parse(out.trim().split('\n').pop()!) as { gzipBytes: number }).gzipBytes;
  emit('bundle', {
    source,
    buildMs,
    files,
    gzipBytes,
    gzipKB: round1(gzipBytes / 1024),
    templateGzipKB: TEMPLATE_GZIP / 1024,
    overTemplate: ratio(gzipBytes, TEMPLATE_GZIP),
    pass: gzipBytes < TEMPLATE_GZIP,
  });
  if (source !== 'dist/') fs.rmSync(dist, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------

/** Word documents (DESIGN.md section 15): reading a generated 20,000-activity document, analysis as a ratio of it, and a 100-page report. */
async function word(runs: number) {
  const model = performanceReport(BIG);
  const big = await writeDocx(model);
  const pages = await hundredPages(path.join(ROOT, 'samples', 'word', '000-2025-h1.docx'));
  const read: number[] = [];
  const analyze: number[] = [];
  let analysis: SheetAnalysis | null = null;
  let rows = 0;
  for (let i = -1; i < runs; i++) {
    let t = performance.now();
    const snapshot = await readDocx(big, 'report-20000.docx');
    const r = performance.now() - t;
    t = performance.now();
    analysis = analyzeSheet(snapshot);
    const a = performance.now() - t;
    rows = snapshot.values.length;
    if (i >= 0) {
      read.push(r);
      analyze.push(a);
    }
  }
  const R = timing(read);
  const A = timing(analyze);
  const common = { activities: BIG, rows, fileBytes: big.length };
  emit('word.read', { ...common, what: 'readDocx (src/docx/read.ts): JSZip inflate + saxes', ...t1(R) });
  emit('word.analyze', {
    ...common,
    what: 'analyzeSheet of the document',
    found: analysis!.activities.length,
    ...t1(A),
  });
  emit('word.ratio', { analyzeOverRead: ratio(A.medianMs, R.medianMs) });
  const P = (await measure(runs, () => readDocx(pages.bytes, 'pages.docx'))).timing;
  emit('word.pages', {
    pages: pages.pages,
    fileBytes: pages.bytes.length,
    what: 'readDocx of a 100-page report',
    ...t1(P),
    budgetMs: BUDGET.wordPagesMs,
    pass: P.medianMs <= BUDGET.wordPagesMs,
  });
}

function table() {
  const get = (b: string) => results.find((r) => r.bench === b) as Record<string, never> | undefined;
  const lines: [string, string, string, string][] = [];
  const ms = (b: string) => {
    const r = get(b);
    return r ? `${r.medianMs} ms (${r.minMs}–${r.maxMs})` : '—';
  };
  const ok = (r: Record<string, unknown> | undefined) => (r ? (r.pass ? 'ok' : 'OVER') : '');
  if (get('engine.load')) {
    lines.push(['ExcelJS load, 20,000 activities', ms('engine.load'), '', '']);
    lines.push(['worksheetSnapshot', ms('engine.snapshot'), '', '']);
    lines.push(['analyzeSheet', ms('engine.analyze'), '', '']);
    const r = get('engine.ratio');
    lines.push([
      'analyze ÷ load',
      String(r?.analyzeOverLoad),
      `≤ ${BUDGET.engineOverLoad} (aim ${BUDGET.engineAim})`,
      ok(r),
    ]);
  }
  if (get('word.read')) {
    lines.push(['readDocx, 20,000 activities', ms('word.read'), '', '']);
    lines.push(['analyzeSheet of it', ms('word.analyze'), '', '']);
    lines.push(['analyze ÷ read (Word)', String(get('word.ratio')?.analyzeOverRead), '', '']);
    const p = get('word.pages');
    lines.push([`readDocx, ${p?.pages}-page report`, ms('word.pages'), `≤ ${BUDGET.wordPagesMs} ms`, ok(p)]);
  }
  const lin = get('engine.linearity.ratio');
  if (lin) {
    for (const n of SIZES) {
      const r = results.find((x) => x.bench === 'engine.linearity' && x.activities === n) as Record<
        string,
        unknown
      >;
      lines.push([
        `analyzeSheet, ${n.toLocaleString('en')} activities`,
        `${r.medianMs} ms (${r.msPer1000} ms / 1000)`,
        '',
        '',
      ]);
    }
    lines.push(['20k ÷ 5k', String(lin.ratio20kOver5k), `≤ ${BUDGET.linearity} (linear = 4)`, ok(lin)]);
  }
  if (get('consolidation.load')) {
    lines.push(['ExcelJS load, 60 workbooks', ms('consolidation.load'), '', '']);
    lines.push(['consolidate 60 → new target', ms('consolidation.consolidate'), '', '']);
    const r = get('consolidation.ratio');
    lines.push([
      'consolidate ÷ load',
      String(r?.consolidateOverLoad),
      `≤ ${BUDGET.consolidationOverLoad}`,
      ok(r),
    ]);
    const p = get('consolidation.repush');
    lines.push([
      're-push one unit into full target',
      ms('consolidation.repush'),
      `≤ ${BUDGET.repushMs} ms`,
      ok(p),
    ]);
  }
  const n = get('national') as Record<string, number | boolean> | undefined;
  if (n) {
    const rows = n.rows.toLocaleString('en');
    const fit = (pass: boolean) => (pass ? 'ok' : 'OVER');
    lines.push([
      `national: consolidate ÷ load, ${rows} rows`,
      String(n.consolidateOverLoad),
      `≤ ${NATIONAL_BUDGET.consolidationOverLoad}`,
      fit((n.consolidateOverLoad as number) <= NATIONAL_BUDGET.consolidationOverLoad),
    ]);
    lines.push([
      `national: re-push one unit into ${rows} rows (median of ${REPUSHES})`,
      `${n.repushMs} ms`,
      `≤ ${NATIONAL_BUDGET.repushMs} ms`,
      fit((n.repushMs as number) <= NATIONAL_BUDGET.repushMs),
    ]);
    lines.push([
      `national: the first unit re-pushed a row longer or shorter (median of ${REPUSHES})`,
      `${n.repushGrownMs} ms`,
      `≤ ${NATIONAL_BUDGET.repushMs} ms`,
      fit((n.repushGrownMs as number) <= NATIONAL_BUDGET.repushMs),
    ]);
    lines.push([`national: peak memory`, `${n.peakRssMB} MB`, '', '']);
  }
  const rd = get('office.read');
  if (rd) {
    lines.push([
      'Office.js read + analyse, 20k',
      `${rd.syncs} syncs, ${rd.responseMB} MB back`,
      `≤ ${BUDGET.readSyncs} syncs`,
      ok(rd),
    ]);
    for (const [n, title] of [
      ['format', 'format plan, 20k'],
      ['fill', 'fill-percent plan, 20k'],
      ['values', 'values, Cyrillic'],
    ]) {
      const w = get(`office.${n}`);
      if (w)
        lines.push([
          `Office.js ${title}`,
          `${w.syncs} syncs, ${w.ops} ops, ${w.requestMB} MB (largest request ${w.largestRequestMB})`,
          `≤ ${w.budgetSyncs} syncs of ≤ ${w.budgetRequestMB} MB`,
          ok(w),
        ]);
    }
  }
  const b = get('bundle');
  if (b)
    lines.push(['task pane JS, gzip', `${b.gzipKB} KB`, `< ${TEMPLATE_GZIP / 1024} KB (template)`, ok(b)]);
  const w = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => l[i].length)));
  console.log('');
  for (const l of lines)
    console.log(
      l
        .map((c, i) => c.padEnd(w[i]))
        .join('  ')
        .trimEnd(),
    );
}

/** The largest legal sheet and each bomb, each command in a fresh process (bench/bombs.ts): time and peak memory. */
function bombs(dir: string) {
  const script = path.join(__dirname, 'bombs.ts');
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  execFileSync(tsx, [script, 'make', dir]);
  for (const [name, c] of Object.entries(BOMB_CASES))
    for (const command of c.commands) {
      const r = spawnSync(tsx, [script, 'run', command, path.join(dir, `${name}.xlsx`)], {
        encoding: 'utf8',
        timeout: 300_000,
      });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      emit(
        `bomb ${name} ${command}`,
        line.startsWith('{')
          ? JSON.parse(line)
          : { failed: r.signal ?? r.status, stderr: r.stderr.slice(0, 200) },
      );
    }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const want = (s: string) => !args.only || args.only.has(s);
  const started = performance.now();
  machine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-bench-'));
  try {
    const needReports = want('engine') || want('linearity') || want('office');
    const inputs = await generate(dir, { reports: needReports, units: want('consolidation') });
    const big = want('engine') ? await engine(inputs, args.runs) : null;
    if (want('linearity')) await linearity(inputs, args.runs, big?.snapshot ?? null);
    if (want('consolidation')) await consolidation(inputs, args.runs);
    if (want('office')) await office(big, inputs, args.runs);
    if (want('bundle')) bundle();
    if (want('bombs')) bombs(dir);
    if (want('word')) await word(args.runs);
    if (want('national'))
      emit('national', {
        ...(await national(dir, {
          units: args.nationalUnits,
          activities: 30,
          aimags: 20,
          rounds: args.nationalRounds,
        })),
      });
  } finally {
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  emit('total', { ms: Math.round(performance.now() - started), kept: args.keep ? dir : null });
  table();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
