/**
 * Inputs that are not readable workbooks, as bytes and as files in a temporary directory:
 * a text file renamed .xlsx, a zip without xl/workbook.xml, an "encrypted" workbook (an OLE
 * compound file naming an EncryptionInfo stream, as Excel writes password-protected
 * files), an old .xls (the same header without that stream), and a zip that claims to be a
 * workbook but is truncated. `makeBadFiles()` also returns a path that does not exist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// JSZip comes with ExcelJS; it is not a direct dependency of the project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as typeof import('jszip');

export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** An OLE compound file header, padded to one 512-byte sector, with extra bytes after it. */
function ole(extra: Buffer): Buffer {
  const header = Buffer.alloc(512);
  OLE_MAGIC.copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian byte order
  header.writeUInt16LE(9, 30); // 512-byte sectors
  return Buffer.concat([header, extra, Buffer.alloc(512)]);
}

export function encryptedBytes(): Buffer {
  return ole(Buffer.from('\u0006DataSpaces\u0000EncryptionInfo\u0000EncryptedPackage', 'utf16le'));
}

export function xlsBytes(): Buffer {
  return ole(Buffer.from('Workbook\u0000\u0005SummaryInformation', 'utf16le'));
}

export function textBytes(): Buffer {
  return Buffer.from('Д/д;Арга хэмжээ;Хувь\n1;Сургалт;100\n', 'utf8');
}

/** A valid zip (a Word-like package) that holds no xl/workbook.xml. */
export async function zipWithoutWorkbookBytes(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  zip.file(
    'word/document.xml',
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** The first bytes of a real workbook: a zip that names xl/workbook.xml but ends early. */
export function truncatedWorkbookBytes(workbook: Buffer): Buffer {
  return workbook.subarray(0, Math.min(workbook.length, Math.max(600, Math.floor(workbook.length / 3))));
}

export interface BadFiles {
  dir: string;
  missing: string;
  text: string;
  zipNotWorkbook: string;
  encrypted: string;
  xls: string;
  cleanup(): void;
}

/** Writes every bad input into a fresh temporary directory. */
export async function makeBadFiles(): Promise<BadFiles> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-bad-'));
  const write = (name: string, bytes: Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };
  return {
    dir,
    missing: path.join(dir, 'байхгүй.xlsx'),
    text: write('текст.xlsx', textBytes()),
    zipNotWorkbook: write('word.xlsx', await zipWithoutWorkbookBytes()),
    encrypted: write('нууц.xlsx', encryptedBytes()),
    xls: write('хуучин.xls', xlsBytes()),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
