/**
 * Word fixtures made by a real word processor (DESIGN.md section 15): each sample workbook and
 * each part of the real document (samples/seeds) is written as HTML — paragraphs between
 * tables, tables with colspan/rowspan — and converted by LibreOffice
 * (`soffice --headless --convert-to docx`). Variants add what HTML cannot say by editing the
 * converted OOXML: tracked changes and fields. Every document gets a twin workbook laid out
 * cell by cell (the sample itself, or one written here with ExcelJS from the same rows), and
 * the tests compare the two analyses.
 *
 * usage: npx tsx scripts/make-word-fixtures.ts   (needs LibreOffice Writer; CI does not)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { SheetSnapshot } from '../src/core/snapshot';
import { loadWorkbook, workbookSnapshots } from '../src/xlsx/read';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'samples', 'word');

interface Cell {
  text: string;
  col: number;
  colspan: number;
  rowspan: number;
}
interface TableRow {
  row: number;
  cells: Cell[];
  header?: boolean;
}
type Block =
  | { kind: 'p'; row: number; text: string }
  | { kind: 'table'; cols: number; rows: TableRow[]; pageBreakBefore?: boolean; nested?: Set<string> };

/** A document: blocks in order, each row number being the row it takes in the twin sheet. */
interface Doc {
  name: string;
  blocks: Block[];
}

const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** A sample sheet as a document: a run of rows holding a row of two or more cells is a table, other rows are paragraphs. */
function docOfSnapshot(name: string, s: SheetSnapshot): Doc {
  const covered = new Set<string>();
  const spans = new Map<string, { colspan: number; rowspan: number }>();
  for (const m of s.merges) {
    spans.set(`${m.top},${m.left}`, { colspan: m.right - m.left + 1, rowspan: m.bottom - m.top + 1 });
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  const rows = s.values.length;
  const cols = Math.max(...s.values.map((r) => r.length));
  const filled = (r: number) => s.values[r - 1].filter((v) => shown(v).trim() !== '').length;
  const blocks: Block[] = [];
  let r = 1;
  while (r <= rows) {
    if (filled(r) === 0) {
      blocks.push({ kind: 'p', row: r, text: '' });
      r++;
      continue;
    }
    let end = r;
    while (
      end + 1 <= rows &&
      (filled(end + 1) > 0 || [...Array(cols).keys()].some((c) => covered.has(`${end + 1},${c + 1}`)))
    )
      end++;
    const wide = [...Array(end - r + 1).keys()].map((k) => r + k).filter((x) => filled(x) >= 2);
    const first = wide.length ? wide[0] : end + 1;
    const last = wide.length
      ? Math.max(
          ...wide,
          ...s.merges.filter((m) => m.top >= first && m.top <= wide[wide.length - 1]).map((m) => m.bottom),
        )
      : end;
    for (let x = r; x < first; x++)
      blocks.push({ kind: 'p', row: x, text: s.values[x - 1].map(shown).join(' ').trim() });
    if (wide.length) {
      const table: TableRow[] = [];
      for (let x = first; x <= last; x++) {
        const cells: Cell[] = [];
        for (let c = 1; c <= cols; c++) {
          if (covered.has(`${x},${c}`)) continue;
          const sp = spans.get(`${x},${c}`) ?? { colspan: 1, rowspan: 1 };
          cells.push({ text: shown(s.values[x - 1][c - 1]), col: c, ...sp });
        }
        table.push({ row: x, cells });
      }
      blocks.push({ kind: 'table', cols, rows: table });
    }
    for (let x = last + 1; x <= end; x++)
      blocks.push({ kind: 'p', row: x, text: s.values[x - 1].map(shown).join(' ').trim() });
    r = end + 1;
  }
  while (
    blocks.length &&
    blocks[blocks.length - 1].kind === 'p' &&
    (blocks[blocks.length - 1] as { text: string }).text === ''
  )
    blocks.pop();
  return { name, blocks };
}

/** The real document (a Word export: tab-separated table lines, <p> inside a cell, ** bold) as documents, one per part. */
const PARTS: [string, RegExp][] = [
  ['000-2024-h1', /^\*\*ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ/],
  ['000-2024-report', /^\*\*ХАМРАЛТ, ОРЛОГО ШИМТГЭЛИЙН/],
  ['000-2024-plan', /^\*\*ОРЛОГО, ШИМТГЭЛИЙН БАЙЦААГЧ/],
  ['000-2025-h1', /^Засгийн газрын Хэрэг эрхлэх газрын/],
];
const isRule = (cells: string[]) =>
  cells.some((c) => c.trim()) && cells.every((c) => /^\s*(:?-{2,}:?)?\s*$/.test(c));
const paragraphs = (cell: string) =>
  cell
    .replace(/<\/?(p|li|ol|ul)\b[^>]*>|<br\s*\/?>/gi, '\u0001')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*/g, '')
    .replace(/\\([_*#])/g, '$1')
    .replace(/^#+\s+/, '')
    .split('\u0001')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

function docsOfSeed(file: string): Doc[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/\r/g, '').split('\n');
  const starts: number[] = [];
  let from = 0;
  for (const [, re] of PARTS) {
    let i = from;
    while (i < lines.length && !re.test(lines[i])) i++;
    starts.push(i);
    from = i + 1;
  }
  starts[0] = 0;
  return PARTS.map(([name], k) => {
    const to = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const items: { cells: string[][] }[] = [];
    for (let i = starts[k]; i < to; i++) {
      const raw = lines[i].includes('\t') ? lines[i].split('\t') : [lines[i]];
      if (isRule(raw)) continue;
      const cells = raw.map(paragraphs);
      if (cells.every((p) => p.length === 0)) continue;
      items.push({ cells });
    }
    // A line without tabs between table lines is a row spanning the table (a section or goal heading).
    const blocks: Block[] = [];
    let row = 0;
    let i = 0;
    while (i < items.length) {
      if (items[i].cells.length < 2) {
        blocks.push({ kind: 'p', row: ++row, text: items[i].cells[0].join('\n') });
        i++;
        continue;
      }
      // The table runs to the part's last table line: headings and notes between are rows spanning it.
      let j = items.length;
      while (j > i && items[j - 1].cells.length < 2) j--;
      const slice = items.slice(i, j);
      const cols = Math.max(...slice.map((x) => x.cells.length));
      const table: TableRow[] = slice.map((x) => ({
        row: ++row,
        cells:
          x.cells.length < 2
            ? [{ text: x.cells[0].join('\n'), col: 1, colspan: cols, rowspan: 1 }]
            : x.cells.map((p, c) => ({ text: p.join('\n'), col: c + 1, colspan: 1, rowspan: 1 })),
      }));
      blocks.push({ kind: 'table', cols, rows: table });
      i = j;
    }
    return { name, blocks };
  });
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const lines = (s: string) =>
  s === ''
    ? '<p></p>'
    : s
        .split('\n')
        .map((l) => `<p>${esc(l)}</p>`)
        .join('');

/** Cell text as HTML; a cell of the `nested` set holds its lines as a table of its own. */
function cellHtml(text: string, nested: boolean, link: boolean): string {
  // LibreOffice's HTML import puts a table that opens a cell into the cell before it; a blank line first keeps it in place.
  if (nested && text.includes('\n'))
    return `<p>&nbsp;</p><table border="1">${text
      .split('\n')
      .map((l) => `<tr><td><p>${esc(l)}</p></td></tr>`)
      .join('')}</table>`;
  if (link && text) return `<p><a href="https://www.ndaatgal.mn/">${esc(text)}</a></p>`;
  return lines(text);
}

function html(doc: Doc, opts: { links?: boolean } = {}): string {
  const body = doc.blocks
    .map((b) => {
      if (b.kind === 'p')
        return b.text === '' ? '<p>&nbsp;</p>' : `<p>${b.text.split('\n').map(esc).join('<br>')}</p>`;
      const style = b.pageBreakBefore ? ' style="page-break-before: always"' : '';
      const head = b.rows.filter((r) => r.header);
      const rowHtml = (r: TableRow) =>
        `<tr>${r.cells.map((c) => `<td${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}>${cellHtml(c.text, !!b.nested?.has(`${r.row},${c.col}`), !!opts.links && c.col === 3)}</td>`).join('')}</tr>`;
      const thead = head.length ? `<thead>${head.map(rowHtml).join('')}</thead>` : '';
      return `<table border="1" cellspacing="0"${style}>${thead}<tbody>${b.rows
        .filter((r) => !r.header)
        .map(rowHtml)
        .join('')}</tbody></table>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(doc.name)}</title></head><body>\n${body}\n</body></html>`;
}

/** The document's rows laid out cell by cell with ExcelJS: the twin a Word document is checked against. */
async function twin(doc: Doc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2025-01-01T00:00:00Z');
  const ws = wb.addWorksheet(doc.name);
  const put = (r: number, c: number, text: string) => {
    if (text === '') return;
    const cell = ws.getCell(r, c);
    cell.value =
      /^-?\d{1,15}(\.\d{1,15})?$/.test(text) && String(Number(text)) === text ? Number(text) : text;
  };
  for (const b of doc.blocks) {
    if (b.kind === 'p') {
      put(b.row, 1, b.text);
      continue;
    }
    for (const r of b.rows) {
      for (const c of r.cells) {
        put(r.row, c.col, c.text);
        if (c.colspan > 1 || c.rowspan > 1)
          ws.mergeCells(r.row, c.col, r.row + c.rowspan - 1, c.col + c.colspan - 1);
      }
    }
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function convert(htmlText: string, name: string, work: string): Buffer {
  const src = path.join(work, `${name}.html`);
  fs.writeFileSync(src, htmlText);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`,
      '--headless',
      '--infilter=HTML (StarWriter)',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      work,
      src,
    ],
    { stdio: 'ignore' },
  );
  return fs.readFileSync(path.join(work, `${name}.docx`));
}

/** Edits the converted body: what LibreOffice's HTML import cannot make. */
async function editBody(docx: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const out = edit(xml);
  if (out === xml) throw new Error('edit changed nothing');
  zip.file('word/document.xml', out);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The run `<w:r>…</w:r>` holding the first `<w:t>` with exactly this text. */
function runOf(xml: string, text: string): { start: number; end: number; run: string } {
  const at = xml.search(new RegExp(`<w:t(?: [^>]*)?>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</w:t>`));
  if (at < 0) throw new Error(`no run with ${text}`);
  const start =
    xml.lastIndexOf('<w:r>', at) >= xml.lastIndexOf('<w:r ', at)
      ? xml.lastIndexOf('<w:r>', at)
      : xml.lastIndexOf('<w:r ', at);
  const end = xml.indexOf('</w:r>', at) + '</w:r>'.length;
  return { start, end, run: xml.slice(start, end) };
}

const REV = 'w:author="ND Plan fixtures" w:date="2025-01-01T00:00:00Z"';

/** A percent changed from 70 to 100 and a figure typed then deleted, both as tracked changes; a whole tracked-deleted row. */
function tracked(xml: string): string {
  let out = xml;
  const p = runOf(out, '100 хувь');
  const deleted = p.run.replace(/<w:t(?: [^>]*)?>100 хувь<\/w:t>/, '<w:delText>70 хувь</w:delText>');
  out = `${out.slice(0, p.start)}<w:del w:id="9001" ${REV}>${deleted}</w:del><w:ins w:id="9002" ${REV}>${p.run}</w:ins>${out.slice(p.end)}`;
  const q = runOf(out, '2.1.4');
  const gone = q.run.replace(/<w:t(?: [^>]*)?>2\.1\.4<\/w:t>/, '<w:delText>2.1.9 </w:delText>');
  out = `${out.slice(0, q.start)}<w:del w:id="9003" ${REV}>${gone}</w:del>${out.slice(q.start)}`;
  const lastRow = out.lastIndexOf('</w:tbl>');
  const deletedRow = `<w:tr><w:trPr><w:del w:id="9004" ${REV}/></w:trPr><w:tc><w:p><w:del w:id="9005" ${REV}><w:r><w:delText>9.9.9</w:delText></w:r></w:del></w:p></w:tc><w:tc><w:p><w:del w:id="9006" ${REV}><w:r><w:delText>Устгасан арга хэмжээ</w:delText></w:r></w:del></w:p></w:tc></w:tr>`;
  return `${out.slice(0, lastRow)}${deletedRow}${out.slice(lastRow)}`;
}

/** The date line as a simple field and an activity number as a complex field: their results are the text. */
function fields(xml: string): string {
  let out = xml;
  const d = runOf(out, '2024 оны 12 дугаар сарын 05');
  out = `${out.slice(0, d.start)}<w:fldSimple w:instr=" DATE \\@ &quot;yyyy 'оны' MM 'дугаар сарын' dd&quot; ">${d.run}</w:fldSimple>${out.slice(d.end)}`;
  const n = runOf(out, '1.1.3');
  const field = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> QUOTE "1.1.3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${n.run}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
  return `${out.slice(0, n.start)}${field}${out.slice(n.end)}`;
}

/** Footnote marks after a percent and after the title, with the footnotes part they point at. */
async function footnotes(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  let xml = await zip.file('word/document.xml')!.async('string');
  const mark = (id: number) =>
    `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
  const a = runOf(xml, '100 хувь');
  xml = `${xml.slice(0, a.end)}${mark(1)}${xml.slice(a.end)}`;
  const b = runOf(xml, '1.1.1');
  xml = `${xml.slice(0, b.end)}${mark(2)}${xml.slice(b.end)}`;
  zip.file('word/document.xml', xml);
  const note = (id: number, text: string) =>
    `<w:footnote w:id="${id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> ${text}</w:t></w:r></w:p></w:footnote>`;
  zip.file(
    'word/footnotes.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${note(1, 'НДЕГ-ын даргын тушаалаар баталсан.')}${note(2, 'Арга хэмжээ 2023 оноос үргэлжилж байна.')}</w:footnotes>`,
  );
  const relsPath = 'word/_rels/document.xml.rels';
  const rels = await zip.file(relsPath)!.async('string');
  if (!rels.includes('relationships/footnotes'))
    zip.file(
      relsPath,
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
      ),
    );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  if (!types.includes('/word/footnotes.xml'))
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
      ),
    );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The first body table split before `beforeRow`, continued on a new page under its header rows repeated. */
function split(doc: Doc, beforeRow: number, headerRows: number): Doc {
  const blocks: Block[] = [];
  let done = false;
  for (const b of doc.blocks) {
    if (done || b.kind !== 'table' || !b.rows.some((r) => r.row === beforeRow)) {
      blocks.push(b);
      continue;
    }
    const at = b.rows.findIndex((r) => r.row === beforeRow);
    const head = b.rows.slice(0, headerRows).map((r) => ({ ...r, header: true }));
    blocks.push({ ...b, rows: [...head, ...b.rows.slice(headerRows, at)] });
    blocks.push({ ...b, rows: [...head, ...b.rows.slice(at)], pageBreakBefore: true });
    done = true;
  }
  return { ...doc, blocks };
}

/**
 * An activity whose narrative goes on in the next row (a page break in Word), with its number,
 * texts, dates and percent merged down over both rows instead of left empty below.
 */
function mergedDown(doc: Doc, row: number): Doc {
  return {
    ...doc,
    blocks: doc.blocks.map((b) => {
      if (b.kind !== 'table' || !b.rows.some((r) => r.row === row)) return b;
      const below = b.rows.find((r) => r.row === row + 1)!;
      const kept = new Set(below.cells.filter((c) => c.text !== '').map((c) => c.col));
      return {
        ...b,
        rows: b.rows.map((r) =>
          r.row === row
            ? { ...r, cells: r.cells.map((c) => (kept.has(c.col) ? c : { ...c, rowspan: 2 })) }
            : r.row === row + 1
              ? { ...r, cells: r.cells.filter((c) => kept.has(c.col)) }
              : r,
        ),
      };
    }),
  };
}

/** Cells whose lines become a nested table: every cell of the period column holding two dates. */
function nested(doc: Doc, col: number): Doc {
  return {
    ...doc,
    blocks: doc.blocks.map((b) =>
      b.kind === 'table'
        ? {
            ...b,
            nested: new Set(
              b.rows.flatMap((r) =>
                r.cells.filter((c) => c.col === col && c.text.includes('\n')).map(() => `${r.row},${col}`),
              ),
            ),
          }
        : b,
    ),
  };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-word-'));
  fs.mkdirSync(path.join(OUT, 'twins'), { recursive: true });
  const write = (name: string, data: Uint8Array) => {
    fs.writeFileSync(path.join(OUT, name), data);
    console.log(`samples/word/${name}`);
  };
  const samples = [
    'plan-2024',
    'report-2024-annual',
    'fulfilment-2024-h1',
    'anticorruption-2019',
    'job-description-2024',
    'receivables-2024',
    'departments/dept-hyanalt',
    'departments/dept-orlogo',
    'departments/dept-tetgever',
  ];
  let report: Doc | null = null;
  for (const s of samples) {
    const file = path.join(ROOT, 'samples', `${s}.xlsx`);
    const wb = await loadWorkbook(fs.readFileSync(file), file);
    const name = path.basename(s);
    const doc = docOfSnapshot(name, workbookSnapshots(wb)[0]);
    if (name === 'report-2024-annual') report = doc;
    write(`${name}.docx`, convert(html(doc), name, work));
  }
  for (const doc of docsOfSeed(path.join(ROOT, 'samples', 'seeds', '000-inspector-2024-2025.txt'))) {
    write(`${doc.name}.docx`, convert(html(doc), doc.name, work));
    write(`twins/${doc.name}.xlsx`, await twin(doc));
  }
  if (!report) throw new Error('report-2024-annual not read');
  // Variants of the annual report: each has the same rows and figures as samples/report-2024-annual.xlsx.
  write(
    'report-split.docx',
    convert(html(split({ ...report, name: 'report-split' }, 13, 3)), 'report-split', work),
  );
  const merged = mergedDown({ ...report, name: 'report-merged' }, 15);
  write('report-merged.docx', convert(html(merged), 'report-merged', work));
  write('twins/report-merged.xlsx', await twin(merged));
  write(
    'report-nested.docx',
    convert(html(nested({ ...report, name: 'report-nested' }, 7)), 'report-nested', work),
  );
  write(
    'report-links.docx',
    convert(html({ ...report, name: 'report-links' }, { links: true }), 'report-links', work),
  );
  const base = convert(html({ ...report, name: 'report-base' }), 'report-base', work);
  write('report-tracked.docx', await editBody(base, tracked));
  write('report-fields.docx', await editBody(base, fields));
  write('report-footnotes.docx', await footnotes(base));
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
