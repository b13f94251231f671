/** `npm run demo`: consolidate the bundled sample unit workbooks and print the summary. */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { pushToFile } from '../targets/file';
import { consolidationText, pushesOf } from './consolidate';

async function demo(): Promise<number> {
  const t = CLI_TEXT[cliLang()].demo;
  const root = path.resolve(__dirname, '../..');
  const dir = path.join(root, 'samples', 'departments');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(dir, f));
  const out = path.join(root, 'out', 'consolidated.xlsx');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const result = await pushToFile(out, await pushesOf(files));
  console.log(`${t.title}\n${t.sources}: ${files.map((f) => path.relative(root, f)).join(', ')}\n`);
  console.log(consolidationText({ ...result, target: path.relative(root, out) }));
  console.log(`\n${t.written}: ${path.relative(root, out)}\n${t.open}`);

  // One step up (section 16): each district's consolidated workbook is a source of the aimag's.
  const [a, b, aimag] = ['district-a.xlsx', 'district-b.xlsx', 'aimag.xlsx'].map((f) =>
    path.join(root, 'out', f),
  );
  for (const f of [a, b, aimag]) fs.rmSync(f, { force: true });
  const pick = (...names: string[]) => files.filter((f) => names.includes(path.basename(f)));
  await pushToFile(
    a,
    await pushesOf(pick('dept-orlogo.xlsx', 'dept-tetgever.xlsx')),
    undefined,
    undefined,
    t.districts[0],
  );
  await pushToFile(b, await pushesOf(pick('dept-hyanalt.xlsx')), undefined, undefined, t.districts[1]);
  const up = await pushToFile(aimag, await pushesOf([a, b]), undefined, undefined, t.aimag);
  console.log(`\n${t.stepUp}\n${t.sources}: ${[a, b].map((f) => path.relative(root, f)).join(', ')}\n`);
  console.log(consolidationText({ ...up, target: path.relative(root, aimag) }));
  return 0;
}

demo().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(e.message.split('\n')[0]);
    process.exitCode = 2;
  },
);
