/**
 * The table of issue codes of the contract (DESIGN.md section 7), read from its copy in
 * docs/issue-codes.md: code → severity.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Severity } from '../../src/core/model';

const FILE = path.join(__dirname, '../../docs/issue-codes.md');

export function contractSeverities(): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const line of fs.readFileSync(FILE, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | `CODE` `CODE2` | severity | when |
    if (cells.length < 4 || !cells[1].startsWith('`')) continue;
    const severity = cells[2] as Severity;
    for (const m of cells[1].matchAll(/`([A-Z_]+)`/g)) {
      if (out.has(m[1])) throw new Error(`${m[1]} has two rows in docs/issue-codes.md`);
      out.set(m[1], severity);
    }
  }
  return out;
}
