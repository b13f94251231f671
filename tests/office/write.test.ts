import { parseRange } from '../../src/core/snapshot';
import type { OpOf, WriteOp, WritePlan } from '../../src/core/writeplan';
import { applyWritePlan, DEFAULT_MAX_PAYLOAD_BYTES, widthInPoints } from '../../src/office';
import { rangePath, writeContext, type Entry, type WriteFake } from './fakeExcel';

const S = 'Нэгтгэл';
const R = parseRange;
const MB = 1024 * 1024;

/** One operation of every kind; the mapped type makes the compiler insist on all of them. */
const EVERY_KIND: { [K in WriteOp['op']]: OpOf<K> } = {
  addSheet: { op: 'addSheet', sheet: S },
  setValues: {
    op: 'setValues',
    sheet: S,
    row: 1,
    col: 1,
    values: [
      ['Нэгж', 'Хувь'],
      ['Сангийн хэлтэс', 0.8],
    ],
  },
  setFormulas: { op: 'setFormulas', sheet: S, row: 3, col: 2, formulas: [['=AVERAGE(B2:B2)']] },
  setNumberFormat: { op: 'setNumberFormat', sheet: S, range: R('B2:B3'), format: '0.0%' },
  setFont: {
    op: 'setFont',
    sheet: S,
    range: R('A1:B1'),
    bold: true,
    italic: false,
    size: 12,
    color: 'FF1F4E79',
  },
  setFill: { op: 'setFill', sheet: S, range: R('A1:B1'), color: 'D9E1F2' },
  setBorders: { op: 'setBorders', sheet: S, range: R('A1:B3'), style: 'medium' },
  setAlignment: {
    op: 'setAlignment',
    sheet: S,
    range: R('A1:B1'),
    horizontal: 'center',
    vertical: 'middle',
    wrap: true,
  },
  merge: { op: 'merge', sheet: S, range: R('A5:B5') },
  setColumnWidth: { op: 'setColumnWidth', sheet: S, col: 2, width: 10 },
  setRowHeight: { op: 'setRowHeight', sheet: S, row: 1, height: 30 },
  freeze: { op: 'freeze', sheet: S, rows: 1, cols: 1 },
  addTable: { op: 'addTable', sheet: S, name: 'Нэгтгэл1', range: R('A1:B2') },
  bucketColors: {
    op: 'bucketColors',
    sheet: S,
    range: R('B2:B3'),
    rules: [
      { min: 0, max: 0.5, color: '#F8CBAD' },
      { min: 0.9, max: null, color: '#C6EFCE' },
    ],
  },
  dataBar: { op: 'dataBar', sheet: S, range: R('B2:B3'), color: '#5B9BD5' },
  addChart: {
    op: 'addChart',
    sheet: S,
    name: 'Биелэлт',
    kind: 'bar',
    title: 'Биелэлт, нэгжээр',
    categories: R('A2:A3'),
    series: [{ name: 'B1', values: R('B2:B3') }],
    anchor: R('D2:J15'),
  },
  printSetup: {
    op: 'printSetup',
    sheet: S,
    orientation: 'landscape',
    paper: 'A4',
    fitToWidth: true,
    repeatRows: { from: 1, to: 2 },
  },
  select: { op: 'select', sheet: S, range: R('A1') },
};

const plan = (...ops: WriteOp[]): WritePlan => ({ ops });
const values = (entries: Entry[]) => entries.map((e) => e.value);
const args = (entries: Entry[]) => entries.map((e) => e.args);
const startingWith = (fake: WriteFake, prefix: string) => fake.log.filter((e) => e.path.startsWith(prefix));

describe('applyWritePlan', () => {
  it('gives every kind of operation its effect, in two syncs', async () => {
    const fake = writeContext([{ name: 'Sheet1' }]);
    const sync = jest.spyOn(fake.context, 'sync');
    const result = await applyWritePlan(fake.context, plan(...Object.values(EVERY_KIND)));
    expect(result).toEqual({ done: 18, total: 18, syncs: 2, aborted: false });
    expect(sync).toHaveBeenCalledTimes(2);

    const A1B2 = rangePath(S, 'A1:B2');
    expect(args(fake.at('worksheets', 'add'))).toEqual([[S]]);
    expect(values(fake.at(A1B2, 'numberFormat'))).toEqual([
      [
        ['@', '@'],
        ['@', null],
      ],
    ]);
    expect(values(fake.at(A1B2, 'values'))).toEqual([
      [
        ['Нэгж', 'Хувь'],
        ['Сангийн хэлтэс', 0.8],
      ],
    ]);
    expect(values(fake.at(rangePath(S, 'B3'), 'formulas'))).toEqual([[['=AVERAGE(B2:B2)']]]);
    expect(values(fake.at(rangePath(S, 'B2:B3'), 'numberFormat'))).toEqual([[['0.0%'], ['0.0%']]]);

    const font = fake.at(`${rangePath(S, 'A1:B1')}.format.font`).map((e) => [e.key, e.value]);
    expect(font).toEqual([
      ['bold', true],
      ['italic', false],
      ['size', 12],
      ['color', '#1F4E79'],
    ]);
    expect(values(fake.at(`${rangePath(S, 'A1:B1')}.format.fill`, 'color'))).toEqual(['#D9E1F2']);

    const borders = startingWith(fake, `${rangePath(S, 'A1:B3')}.format.borders.getItem(`);
    expect(borders.map((e) => `${/getItem\("(\w+)"\)/.exec(e.path)?.[1]} ${e.key}=${e.value}`)).toEqual(
      ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'].flatMap(
        (edge) => [`${edge} style=Continuous`, `${edge} weight=Medium`],
      ),
    );

    const alignment = fake.at(`${rangePath(S, 'A1:B1')}.format`).map((e) => [e.key, e.value]);
    expect(alignment).toEqual([
      ['horizontalAlignment', 'Center'],
      ['verticalAlignment', 'Center'],
      ['wrapText', true],
    ]);
    expect(args(fake.at(rangePath(S, 'A5:B5'), 'merge'))).toEqual([[false]]);
    expect(values(fake.at(`${rangePath(S, 'B:B')}.format`, 'columnWidth'))).toEqual([widthInPoints(10)]);
    expect(values(fake.at(`${rangePath(S, '1:1')}.format`, 'rowHeight'))).toEqual([30]);
    expect(args(fake.at(`${S}.freezePanes`, 'freezeAt'))).toEqual([['A1']]);

    expect(args(fake.at(`${S}.tables`, 'add'))).toEqual([['A1:B2', true]]);
    expect(values(fake.at(`${S}.tables.add("A1:B2",true)`, 'name'))).toEqual(['Нэгтгэл1']);

    const B2B3 = rangePath(S, 'B2:B3');
    expect(args(fake.at(`${B2B3}.conditionalFormats`, 'add'))).toEqual([['Custom'], ['Custom'], ['DataBar']]);
    expect(values(fake.at(`${B2B3}.conditionalFormats.add("Custom").custom.rule`, 'formula'))).toEqual([
      '=AND(ISNUMBER(B2),B2>=0,B2<0.5)',
      '=AND(ISNUMBER(B2),B2>=0.9)',
    ]);
    expect(values(fake.at(`${B2B3}.conditionalFormats.add("Custom").custom.format.fill`, 'color'))).toEqual([
      '#F8CBAD',
      '#C6EFCE',
    ]);
    expect(
      values(fake.at(`${B2B3}.conditionalFormats.add("DataBar").dataBar.positiveFormat`, 'fillColor')),
    ).toEqual(['#5B9BD5']);

    expect(args(fake.at(`${S}.charts`, 'add'))).toEqual([['BarClustered', B2B3, 'Columns']]);
    const chartPath = `${S}.charts.add("BarClustered",${JSON.stringify(B2B3)},"Columns")`;
    const chart = startingWith(fake, chartPath).map(
      (e) => `${e.path.slice(chartPath.length)} ${e.key} ${JSON.stringify(e.value ?? e.args)}`,
    );
    expect(chart).toEqual([
      ' name "Биелэлт"',
      '.title text "Биелэлт, нэгжээр"',
      ' setPosition ["D2","J15"]',
      '.series getItemAt [0]',
      `.series.getItemAt(0) setXAxisValues ${JSON.stringify([rangePath(S, 'A2:A3')])}`,
      '.series.getItemAt(0) name "Хувь"',
    ]);

    const layout = fake.at(`${S}.pageLayout`).map((e) => [e.key, e.value ?? e.args]);
    expect(layout).toEqual([
      ['orientation', 'Landscape'],
      ['paperSize', 'A4'],
      ['zoom', { horizontalFitToPages: 1, verticalFitToPages: 0 }],
      ['setPrintTitleRows', ['$1:$2']],
    ]);
    expect(fake.at(S, 'activate')).toHaveLength(1);
    expect(fake.at(rangePath(S, 'A1'), 'select')).toHaveLength(1);
    expect(fake.at('application', 'suspendScreenUpdatingUntilNextSync').length).toBeGreaterThan(0);
  });

  it('writes strings as text: "@" format first, then the exact strings; numbers stay numbers', async () => {
    const fake = writeContext();
    const row = ['=1+1', '+7', '-3', '@x', '=HYPERLINK("http://x")', ' 007 ', 42, true, null];
    await applyWritePlan(
      fake.context,
      plan({ op: 'setValues', sheet: 'Sheet1', row: 4, col: 3, values: [row] }),
    );
    const path = rangePath('Sheet1', 'C4:K4');
    const keys = fake.at(path).map((e) => e.key);
    expect(keys).toEqual(['numberFormat', 'values']);
    expect(values(fake.at(path, 'numberFormat'))).toEqual([
      [['@', '@', '@', '@', '@', '@', null, null, null]],
    ]);
    expect(values(fake.at(path, 'values'))).toEqual([
      [['=1+1', '+7', '-3', '@x', '=HYPERLINK("http://x")', ' 007 ', 42, true, '']],
    ]);
  });

  it('pads short rows with null (cells left as they are) and skips empty matrices', async () => {
    const fake = writeContext();
    await applyWritePlan(
      fake.context,
      plan(
        { op: 'setValues', sheet: 'Sheet1', row: 1, col: 1, values: [[1, 2, 3], [4]] },
        { op: 'setValues', sheet: 'Sheet1', row: 9, col: 1, values: [[]] },
      ),
    );
    expect(values(fake.at(rangePath('Sheet1', 'A1:C2'), 'values'))).toEqual([
      [
        [1, 2, 3],
        [4, null, null],
      ],
    ]);
    expect(fake.at(rangePath('Sheet1', 'A1:C2'), 'numberFormat')).toEqual([]);
    expect(fake.log.filter((e) => e.path.includes('A9'))).toEqual([]);
  });

  it('syncs once for a small plan without new sheets, tables or charts', async () => {
    const fake = writeContext();
    const sync = jest.spyOn(fake.context, 'sync');
    await applyWritePlan(fake.context, plan(EVERY_KIND.setFill, EVERY_KIND.setFont, EVERY_KIND.merge));
    expect(sync).toHaveBeenCalledTimes(1);
    expect(fake.at('worksheets', 'load')).toEqual([]);
  });

  it('styles a block of rows with one range per operation, as coalesced format plans ask', async () => {
    const fake = writeContext();
    const block = R('A9:H40');
    const sheet = 'Sheet1';
    await applyWritePlan(
      fake.context,
      plan(
        { op: 'setFont', sheet, range: block, bold: true },
        { op: 'setFill', sheet, range: block, color: 'E7E6E6' },
        { op: 'setAlignment', sheet, range: block, horizontal: 'left', vertical: 'top', wrap: true },
        { op: 'setBorders', sheet, range: block, style: 'thin' },
        { op: 'setNumberFormat', sheet, range: R('H9:H40'), format: '0.0' },
      ),
    );
    const A9H40 = rangePath(sheet, 'A9:H40');
    expect(values(fake.at(`${A9H40}.format.font`, 'bold'))).toEqual([true]);
    expect(values(fake.at(`${A9H40}.format.fill`, 'color'))).toEqual(['#E7E6E6']);
    expect(fake.at(`${A9H40}.format`).map((e) => [e.key, e.value])).toEqual([
      ['horizontalAlignment', 'Left'],
      ['verticalAlignment', 'Top'],
      ['wrapText', true],
    ]);
    expect(startingWith(fake, `${A9H40}.format.borders.getItem("InsideHorizontal")`)).toHaveLength(2);
    expect(values(fake.at(rangePath(sheet, 'H9:H40'), 'numberFormat'))).toEqual([
      Array.from({ length: 32 }, () => ['0.0']),
    ]);
    const ranges = new Set(fake.log.flatMap((e) => /getRange\("([^"]+)"\)/.exec(e.path)?.slice(1) ?? []));
    expect([...ranges].sort()).toEqual(['A9:H40', 'H9:H40']);
  });

  it('writes ~10 MB of values in at most 2 + 3 syncs, no request above the limit, in slices of at most 1,500 cells', async () => {
    const fake = writeContext();
    const marks: number[] = [];
    const sync = jest.spyOn(fake.context, 'sync').mockImplementation(async () => {
      marks.push(fake.log.length);
    });
    const cell = 'Сангийн хэлтэс 01'; // 17 characters, 31 bytes in UTF-8
    const rows = Array.from({ length: 33000 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => (c === 9 ? r : cell)),
    );
    const big = plan(
      { op: 'addSheet', sheet: S },
      { op: 'setValues', sheet: S, row: 2, col: 1, values: rows },
    );
    const valueBytes = Buffer.byteLength(JSON.stringify(rows));
    expect(valueBytes).toBeGreaterThan(9.5 * MB);

    const result = await applyWritePlan(fake.context, big);
    expect(result.aborted).toBe(false);
    expect(sync.mock.calls.length).toBeLessThanOrEqual(2 + 3);
    expect(result.syncs).toBe(sync.mock.calls.length);

    const slices = fake.log.filter((e) => e.key === 'values').map((e) => e.value as unknown[][]);
    expect(slices.flat()).toEqual(rows);
    // Office.js would cut larger matrices itself, through three more objects for each block.
    expect(Math.max(...slices.map((s) => s.length * s[0].length))).toBeLessThanOrEqual(1500);
    let start = 0;
    for (const mark of marks) {
      const data = fake.log.slice(start, mark).filter((e) => e.key === 'values' || e.key === 'numberFormat');
      expect(data.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.value)), 0)).toBeLessThanOrEqual(
        DEFAULT_MAX_PAYLOAD_BYTES,
      );
      start = mark;
    }
    expect(start).toBe(fake.log.length);
  });

  it('stops between requests when aborted: synced slices stay, nothing more is queued', async () => {
    const fake = writeContext();
    const marks: number[] = [];
    jest.spyOn(fake.context, 'sync').mockImplementation(async () => {
      marks.push(fake.log.length);
    });
    const controller = new AbortController();
    const progress: [number, number][] = [];
    const rows = Array.from({ length: 3000 }, () => ['x'.repeat(100)]);
    const result = await applyWritePlan(
      fake.context,
      plan(
        EVERY_KIND.setFill,
        { op: 'setValues', sheet: 'Sheet1', row: 1, col: 1, values: rows },
        EVERY_KIND.merge,
      ),
      {
        maxPayloadBytes: 100_000,
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.push([done, total]);
          controller.abort();
        },
      },
    );
    expect(result).toEqual({ done: 1, total: 3, syncs: 1, aborted: true });
    expect(progress).toEqual([[1, 3]]);
    expect(marks).toEqual([fake.log.length]);
  });

  it('reports progress after every sync', async () => {
    const fake = writeContext();
    const progress: [number, number][] = [];
    const ops = Array.from({ length: 10 }, (_, i): WriteOp => ({
      op: 'setFill',
      sheet: 'Sheet1',
      range: R(`A${i + 1}`),
      color: '#FFFFFF',
    }));
    const result = await applyWritePlan(fake.context, plan(...ops), {
      maxPayloadBytes: 1000,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(result.syncs).toBe(progress.length);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([10, 10]);
  });

  it('does nothing when aborted before it starts', async () => {
    const fake = writeContext();
    const controller = new AbortController();
    controller.abort();
    const result = await applyWritePlan(fake.context, plan(EVERY_KIND.setFill), {
      signal: controller.signal,
    });
    expect(result).toEqual({ done: 0, total: 1, syncs: 0, aborted: true });
    expect(fake.log).toEqual([]);
  });

  it('empties an existing sheet on addSheet with clear, and replaces tables and charts of the same name', async () => {
    const fake = writeContext([
      { name: 'нэгтгэл', charts: ['Биелэлт', 'Өр'], tables: ['Хуучин'] },
      { name: 'Товчоо', tables: ['Нэгтгэл1'], charts: ['Биелэлт'] },
    ]);
    const sync = jest.spyOn(fake.context, 'sync');
    await applyWritePlan(
      fake.context,
      plan(
        { op: 'addSheet', sheet: S, clear: true },
        { op: 'addSheet', sheet: 'Товчоо' },
        EVERY_KIND.addTable,
        EVERY_KIND.addChart,
        { ...EVERY_KIND.addChart, sheet: 'Товчоо' },
      ),
    );
    expect(sync).toHaveBeenCalledTimes(2);
    expect(fake.at('worksheets', 'add')).toEqual([]);
    const calls = (path: string) => fake.at(path).map((e) => e.key);
    expect(calls('нэгтгэл.chart(Биелэлт)')).toEqual(['delete']);
    expect(calls('нэгтгэл.chart(Өр)')).toEqual(['delete']);
    expect(calls('нэгтгэл.table(Хуучин)')).toEqual(['convertToRange']);
    expect(calls('нэгтгэл.getRange()')).toEqual(['unmerge', 'clear']);
    expect(args(fake.at('нэгтгэл.getRange()', 'clear'))).toEqual([['All']]);
    expect(calls('нэгтгэл.getRange().conditionalFormats')).toEqual(['clearAll']);
    expect(calls('нэгтгэл.freezePanes')).toEqual(['unfreeze']);
    expect(calls('нэгтгэл.horizontalPageBreaks')).toEqual(['removePageBreaks']);
    // The table name is taken on another sheet; the chart name on the sheet that was not cleared.
    expect(calls('Товчоо.table(Нэгтгэл1)')).toEqual(['convertToRange']);
    expect(calls('Товчоо.chart(Биелэлт)')).toEqual(['delete']);
    expect(args(fake.at('нэгтгэл.tables', 'add'))).toEqual([['A1:B2', true]]);
    expect(fake.at('нэгтгэл.charts', 'add')).toHaveLength(1);
    expect(fake.at('Товчоо.charts', 'add')).toHaveLength(1);
  });

  it('adds further chart series with their values, categories and names (header cell or text)', async () => {
    const fake = writeContext();
    await applyWritePlan(
      fake.context,
      plan(
        { op: 'setValues', sheet: 'Sheet1', row: 1, col: 1, values: [['Нэгж', 'Төлөвлөгөө', 'Гүйцэтгэл']] },
        {
          op: 'addChart',
          sheet: 'Sheet1',
          name: 'c',
          kind: 'column',
          title: 't',
          categories: R('A2:A5'),
          series: [
            { name: 'B1', values: R('B2:B5') },
            { name: 'C1', values: R('C2:C5') },
            { name: 'Бууралтын хувь', values: R('D2:D5') },
          ],
          anchor: R('E1:K10'),
        },
      ),
    );
    expect(args(fake.at('Sheet1.charts', 'add'))).toEqual([
      ['ColumnClustered', rangePath('Sheet1', 'B2:B5'), 'Columns'],
    ]);
    const added = startingWith(fake, 'Sheet1.charts.add(').filter((e) => e.path.endsWith('.series.add()'));
    expect(added.map((e) => [e.key, e.value ?? e.args])).toEqual([
      ['setValues', [rangePath('Sheet1', 'C2:C5')]],
      ['setXAxisValues', [rangePath('Sheet1', 'A2:A5')]],
      ['name', 'Гүйцэтгэл'],
      ['setValues', [rangePath('Sheet1', 'D2:D5')]],
      ['setXAxisValues', [rangePath('Sheet1', 'A2:A5')]],
      ['name', 'Бууралтын хувь'],
    ]);
  });

  it('converts column widths from characters to points', () => {
    expect(widthInPoints(10)).toBeCloseTo(56.25);
    expect(widthInPoints(0)).toBeCloseTo(3.75);
  });
});
