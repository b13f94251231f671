/**
 * Summarizes a V8 .cpuprofile by self and total time per function.
 *
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts engine 20000
 *   npx tsx bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--filter src/]
 */
import fs from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function summarize(file: string, top = 30, filter?: string): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per sample node: the delta after each sample.
  const selfUs = new Map<number, number>();
  p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0)));
  const name = (n: Node) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const rel = url.includes('/node_modules/')
      ? url.slice(url.indexOf('/node_modules/') + 14)
      : path.relative(process.cwd(), url);
    return `${n.callFrame.functionName || '(anonymous)'} ${rel ? `${rel}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    self.set(name(n), (self.get(name(n)) ?? 0) + us);
    // Total: every distinct function on the stack gets the sample once (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const all = (p.endTime - p.startTime) / 1000;
  const rows = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !filter || k.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${(us / 1000).toFixed(0).padStart(8)} ms ${((us / 1000 / all) * 100).toFixed(1).padStart(5)} %  ${k}`,
      );
  return [
    `${path.basename(file)}: ${all.toFixed(0)} ms`,
    '-- self --',
    ...rows(self),
    '-- total --',
    ...rows(total),
  ].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 30;
  const filterAt = args.indexOf('--filter');
  const filter = filterAt >= 0 ? args.splice(filterAt, 2)[1] : undefined;
  for (const f of args) console.log(summarize(f, top, filter));
}
