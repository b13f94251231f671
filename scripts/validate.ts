/**
 * `npm run validate`: Microsoft's online manifest validation when it can be reached; offline, one
 * line saying so and the local check (scripts/manifest-check.ts) instead. Exit 0 only when the
 * manifest holds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLING_TEXT, toolingLang } from '../src/i18n/tooling';
import { checkManifest } from './manifest-check';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const t = TOOLING_TEXT[toolingLang()];

/** The validator's own words when it could not reach its service (DNS, refused, no route, time-out). */
export const UNREACHABLE =
  /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|fetch failed/;

function local(): number {
  const problems = checkManifest(fs.readFileSync(MANIFEST, 'utf8'));
  if (problems.length === 0) {
    console.log(t.validateLocalOk);
    return 0;
  }
  console.error([t.validateLocalFailed(problems.length), ...problems.map((p) => `  - ${p}`)].join('\n'));
  return 1;
}

function main(): number {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'office-addin-manifest');
  const online = spawnSync(bin, ['validate', MANIFEST], { encoding: 'utf8', timeout: 60_000 });
  const said = `${online.stdout ?? ''}${online.stderr ?? ''}`;
  if (online.status === 0) {
    process.stdout.write(online.stdout);
    return local();
  }
  if (online.error || UNREACHABLE.test(said)) {
    console.log(t.validateOffline);
    return local();
  }
  process.stderr.write(said);
  return 1;
}

process.exitCode = main();
