// Turns tests/fixtures/raw-000/000-inspector-2024-2025.txt (a Word export: tab-separated table lines,
// <p> paragraphs inside a cell, ** bold) into workbooks the way people get it into Excel,
// one sheet per document part, in two variants (DESIGN.md section 14):
//   cells  - one row per text line, tabs split cells, a cell's paragraphs joined by a new line;
//   pasted - as Excel pastes a Word table: each paragraph of a multi-paragraph cell on its own
//            row, the row's other cells merged down over those rows.
// Plain numbers become numbers and "7.0%" a fraction with a % format, as Excel's paste does.
// The test fixtures tests/fixtures/raw-000/{cells,pasted}/000.xlsx were made with (from the project root):
//   node scripts/raw-000-layouts.mjs tests/fixtures/raw-000/000-inspector-2024-2025.txt tests/fixtures/raw-000
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const ExcelJS = createRequire(path.join(process.cwd(), 'package.json'))('exceljs');

const PARTS = {
  '000': [
    ['2024 H1 биелэлт', /^\*\*ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ/],
    ['2024 жилийн тайлан', /^\*\*ХАМРАЛТ, ОРЛОГО ШИМТГЭЛИЙН/],
    ['2024 төлөвлөгөө', /^\*\*ОРЛОГО, ШИМТГЭЛИЙН БАЙЦААГЧ/],
    ['2025 H1 тайлан', /^Засгийн газрын Хэрэг эрхлэх газрын/],
  ],
};

const isRule = (cells) => cells.some((c) => c.trim()) && cells.every((c) => /^\s*(:?-{2,}:?)?\s*$/.test(c));
// A cell's paragraphs: <p>, <li>, <ul>/<ol> and <br> break; other tags, ** and \-escapes go.
const paragraphs = (cell) =>
  cell
    .replace(/<\/?(p|li|ol|ul)\b[^>]*>|<br\s*\/?>/gi, '\u0001')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*/g, '')
    .replace(/\\([_*#])/g, '$1')
    .replace(/^#+\s+/, '')
    .split('\u0001')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
function typed(text) {
  // what Excel's paste makes of a plain number or percentage
  if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text) };
  const m = /^(-?\d+(?:\.(\d+))?)\s?%$/.exec(text);
  if (m) return { value: Number(m[1]) / 100, numFmt: m[2] ? `0.${'0'.repeat(m[2].length)}%` : '0%' };
  return { value: text };
}
function put(ws, r, c, text) {
  const { value, numFmt } = typed(text),
    cell = ws.getCell(r, c);
  cell.value = value;
  if (numFmt) cell.numFmt = numFmt;
  if (typeof value === 'string' && value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
}

function splitParts(id, lines) {
  const specs = PARTS[id];
  const starts = [];
  let from = 0;
  for (const [, re, after] of specs) {
    let i = from;
    if (after) while (i < lines.length && !after.test(lines[i])) i++;
    while (i < lines.length && !re.test(lines[i])) i++;
    if (i >= lines.length) throw new Error(`${id}: part start ${re} not found`);
    starts.push(i);
    from = i + 1;
  }
  starts[0] = 0;
  return specs.map(([name], k) => ({
    name,
    from: starts[k],
    to: k + 1 < starts.length ? starts[k + 1] : lines.length,
  }));
}

async function convert(file, outDir) {
  const id = '000';
  const lines = fs.readFileSync(file, 'utf8').replace(/\r/g, '').split('\n');
  for (const variant of ['cells', 'pasted']) {
    const wb = new ExcelJS.Workbook();
    wb.created = wb.modified = new Date('2025-01-01T00:00:00Z');
    const map = {};
    for (const part of splitParts(id, lines)) {
      const ws = wb.addWorksheet(part.name);
      const rows = (map[part.name] = {});
      let r = 1;
      for (let i = part.from; i < part.to; i++) {
        const raw = lines[i].includes('\t') ? lines[i].split('\t') : [lines[i]];
        if (isRule(raw)) continue;
        const cells = raw.map(paragraphs);
        if (cells.every((p) => p.length === 0)) continue;
        if (variant === 'cells') {
          cells.forEach((p, c) => {
            if (p.length) put(ws, r, c + 1, p.join('\n'));
          });
          rows[r++] = i + 1;
          continue;
        }
        const height = Math.max(...cells.map((p) => p.length));
        cells.forEach((p, c) => {
          p.forEach((text, k) => put(ws, r + k, c + 1, text));
          const last = r + Math.max(p.length, 1) - 1; // the cell's last paragraph fills the rest of the row
          if (raw.length > 1 && height > 1 && last < r + height - 1)
            ws.mergeCells(last, c + 1, r + height - 1, c + 1);
        });
        for (let k = 0; k < height; k++) rows[r + k] = i + 1;
        r += height;
      }
    }
    const dir = path.join(outDir, variant);
    fs.mkdirSync(dir, { recursive: true });
    await wb.xlsx.writeFile(path.join(dir, `${id}.xlsx`));
    fs.writeFileSync(path.join(dir, `${id}.map.json`), JSON.stringify(map));
  }
}

const [seedFile, outDir] = process.argv.slice(2);
if (!seedFile || !outDir) {
  console.error('usage: node scripts/raw-000-layouts.mjs <seed.txt> <outDir>');
  process.exit(2);
}
await convert(seedFile, outDir);
