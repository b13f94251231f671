#!/usr/bin/env node
/**
 * Writes the add-in icons (assets/icon-<size>.png): a rounded blue square with a white
 * "НД" glyph. Plain zlib + a hand-written PNG encoder, so no image dependency is needed.
 * Run: node scripts/make-icons.js
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80];
const BACKGROUND = [0x1f, 0x4e, 0x79];
// 12 × 7 units: "Н" (5 wide), a gap, "Д" (6 wide, with feet).
const GLYPH = [
  'X...X...XXX.',
  'X...X...X.X.',
  'X...X...X.X.',
  'XXXXX..X..X.',
  'X...X..X..X.',
  'X...X.XXXXXX',
  'X...X.X....X',
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const radius = Math.max(2, Math.round(size / 8));
  const scale = Math.max(1, Math.floor((size * 0.75) / GLYPH[0].length));
  const x0 = Math.floor((size - GLYPH[0].length * scale) / 2);
  const y0 = Math.floor((size - GLYPH.length * scale) / 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x, radius), size - 1 - radius);
      const cy = Math.min(Math.max(y, radius), size - 1 - radius);
      const inside = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
      const gx = Math.floor((x - x0) / scale);
      const gy = Math.floor((y - y0) / scale);
      const ink = x >= x0 && y >= y0 && GLYPH[gy]?.[gx] === 'X';
      const [r, g, b] = ink ? [255, 255, 255] : BACKGROUND;
      rgba.set([r, g, b, inside ? 255 : 0], (y * size + x) * 4);
    }
  }
  return png(size, rgba);
}

const dir = path.join(__dirname, '..', 'assets');
fs.mkdirSync(dir, { recursive: true });
for (const size of SIZES) fs.writeFileSync(path.join(dir, `icon-${size}.png`), draw(size));
console.log(`wrote ${SIZES.map((s) => `assets/icon-${s}.png`).join(', ')}`);
