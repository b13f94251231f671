/**
 * Generated Word documents for `npm run bench -- --only word`: a SheetModel (bench/generate.ts)
 * written as WordprocessingML, the way Word lays a report out — title lines as paragraphs,
 * the activity tables as tables with gridSpan and vMerge — and zipped with JSZip. LibreOffice
 * makes the committed fixtures (scripts/make-word-fixtures.ts); converting 20,000 activities
 * through it would take minutes, so the bench writes the XML itself.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import type { CellRange } from '../src/core/snapshot';
import type { GenCell, SheetModel } from './generate';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function text(c: GenCell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object') return /%/.test(c.numFmt) ? `${Math.round(c.value * 100)}%` : String(c.value);
  return String(c);
}

const paragraphs = (s: string) =>
  s === ''
    ? '<w:p/>'
    : s
        .split('\n')
        .map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`)
        .join('');

function documentXml(m: SheetModel): string {
  const cols = Math.max(...m.rows.map((r) => r.length));
  const master = new Map<string, CellRange>();
  const covered = new Map<string, CellRange>();
  for (const g of m.merges) {
    master.set(`${g.top},${g.left}`, g);
    for (let r = g.top; r <= g.bottom; r++)
      for (let c = g.left; c <= g.right; c++) if (r !== g.top || c !== g.left) covered.set(`${r},${c}`, g);
  }
  const filled = (r: number) => (m.rows[r - 1] ?? []).filter((c) => text(c) !== '').length;
  const out: string[] = [];
  const tableRow = (r: number) => {
    const cells: string[] = [];
    for (let c = 1; c <= cols; c++) {
      const under = covered.get(`${r},${c}`);
      if (under && under.top === r) continue;
      const g = under ?? master.get(`${r},${c}`);
      const span = g && g.right > g.left ? `<w:gridSpan w:val="${g.right - g.left + 1}"/>` : '';
      const vmerge = g && g.bottom > g.top ? (under ? '<w:vMerge/>' : '<w:vMerge w:val="restart"/>') : '';
      cells.push(
        `<w:tc>${span || vmerge ? `<w:tcPr>${span}${vmerge}</w:tcPr>` : ''}${under ? '<w:p/>' : paragraphs(text(m.rows[r - 1]?.[c - 1]))}</w:tc>`,
      );
      if (g) c = g.right;
    }
    return `<w:tr>${cells.join('')}</w:tr>`;
  };
  let r = 1;
  while (r <= m.rows.length) {
    if (filled(r) === 0) {
      out.push('<w:p/>');
      r++;
      continue;
    }
    let end = r;
    while (end < m.rows.length && filled(end + 1) > 0) end++;
    let first = r;
    while (first <= end && filled(first) < 2) first++;
    for (let x = r; x < Math.min(first, end + 1); x++)
      out.push(paragraphs((m.rows[x - 1] ?? []).map(text).join(' ').trim()));
    if (first <= end) {
      const grid = `<w:tblGrid>${'<w:gridCol w:w="1200"/>'.repeat(cols)}</w:tblGrid>`;
      const rows: string[] = [];
      for (let x = first; x <= end; x++) rows.push(tableRow(x));
      out.push(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${grid}${rows.join('')}</w:tbl>`);
    }
    r = end + 1;
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${out.join('')}<w:sectPr/></w:body></w:document>`;
}

export async function writeDocx(m: SheetModel): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', documentXml(m));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * A report of about 100 pages as a word processor writes it: the body of a real 12-page
 * document made by LibreOffice (samples/word) repeated nine times.
 */
export async function hundredPages(file: string): Promise<{ bytes: Buffer; pages: number }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const open = xml.indexOf('<w:body>') + '<w:body>'.length;
  const close = xml.lastIndexOf('<w:sectPr');
  const body = xml.slice(open, close);
  zip.file('word/document.xml', xml.slice(0, open) + body.repeat(9) + xml.slice(close));
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), pages: 12 * 9 };
}
