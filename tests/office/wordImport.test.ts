/** «Word файл оруулах» in Excel: the largest Word fixture laid into a new sheet within the sync budget (DESIGN.md section 11). */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSheet } from '../../src/core/analyze';
import { planImport } from '../../src/core/plans/import';
import { readDocx } from '../../src/docx/read';
import { applyWritePlan } from '../../src/office';
import { writeContext } from './fakeExcel';

const WORD = path.resolve(__dirname, '../../samples/word');

test.each(['000-2025-h1.docx', 'report-2024-annual.docx', 'job-description-2024.docx'])(
  '%s: one new sheet, formatted and selected, in at most two syncs',
  async (name) => {
    const snapshot = await readDocx(fs.readFileSync(path.join(WORD, name)), name);
    const analysis = analyzeSheet(snapshot);
    expect(analysis.template).not.toBeNull();
    const plan = planImport(snapshot, analysis);
    const fake = writeContext([{ name: 'Sheet1' }]);
    const sync = jest.spyOn(fake.context, 'sync');
    const result = await applyWritePlan(fake.context, plan);
    expect(result.aborted).toBe(false);
    expect(sync.mock.calls.length).toBeLessThanOrEqual(2);
    expect(fake.at('worksheets', 'add').map((e) => e.args)).toEqual([[snapshot.name]]);
    expect(plan.ops.at(-1)).toEqual({
      op: 'select',
      sheet: snapshot.name,
      range: { top: 1, left: 1, bottom: 1, right: 1 },
    });
  },
);
