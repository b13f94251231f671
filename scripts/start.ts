/**
 * `npm start`: sideloads the add-in into Excel desktop through office-addin-debugging. Excel
 * desktop exists on Windows and macOS only; elsewhere one line points to the preview and to
 * Excel on the web, and the command fails instead of printing the tool's error and exiting 0.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TOOLING_TEXT, toolingLang } from '../src/i18n/tooling';

const ROOT = path.resolve(__dirname, '..');

if (process.platform !== 'win32' && process.platform !== 'darwin') {
  console.error(
    TOOLING_TEXT[toolingLang()].startUnsupported(process.platform === 'linux' ? 'Linux' : process.platform),
  );
  process.exitCode = 1;
} else {
  const bin = path.join(
    ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'office-addin-debugging.cmd' : 'office-addin-debugging',
  );
  const r = spawnSync(bin, ['start', path.join(ROOT, 'manifest.xml'), 'desktop'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exitCode = r.status ?? 1;
}
