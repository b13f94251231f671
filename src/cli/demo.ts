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
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, f));
  const out = path.join(root, 'out', 'consolidated.xlsx');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const result = await pushToFile(out, await pushesOf(files));
  console.log(`${t.title}\n${t.sources}: ${files.map((f) => path.relative(root, f)).join(', ')}\n`);
  console.log(consolidationText({ ...result, target: path.relative(root, out) }));
  console.log(`\n${t.written}: ${path.relative(root, out)}\n${t.open}`);
  return 0;
}

demo().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(e.message.split('\n')[0]);
    process.exitCode = 2;
  },
);
