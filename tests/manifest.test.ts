/** @jest-environment jsdom */
/**
 * The add-in manifest, checked offline (office-addin-manifest's validator needs Microsoft's
 * online service): parsed with jsdom's DOMParser, icons read from assets/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REQUIRED_EXCEL_API } from '../src/office/requirements';

const ROOT = path.join(__dirname, '..');
const ORIGIN = 'https://localhost:3000/';
const TASKPANE = `${ORIGIN}taskpane.html`;

const doc = new DOMParser().parseFromString(
  fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'),
  'application/xml',
);
const all = (name: string, within: Document | Element = doc) =>
  Array.from(within.getElementsByTagNameNS('*', name));
const one = (name: string, within: Document | Element = doc) => {
  const found = all(name, within);
  expect(found).toHaveLength(1);
  return found[0];
};
const childrenNamed = (parent: Element, name: string) =>
  Array.from(parent.children).filter((c) => c.localName === name);
const xsiType = (e: Element) => e.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type');

/** Resolves a resid to the DefaultValue of its resource (bt:Image, bt:Url, bt:String). */
function resource(resid: string | null): string {
  const found = Array.from(one('Resources').getElementsByTagNameNS('*', '*')).filter(
    (e) => e.getAttribute('id') === resid,
  );
  expect(found).toHaveLength(1);
  return found[0].getAttribute('DefaultValue') ?? '';
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function expectIcon(url: string, size: number): void {
  expect(url.startsWith(`${ORIGIN}assets/`)).toBe(true);
  const file = path.join(ROOT, 'assets', url.slice(`${ORIGIN}assets/`.length));
  expect(fs.existsSync(file)).toBe(true);
  expect(pngSize(file)).toEqual({ width: size, height: size });
}

describe('manifest.xml', () => {
  it('is well-formed XML for an Excel task pane add-in', () => {
    expect(all('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('OfficeApp');
    expect(xsiType(doc.documentElement)).toBe('TaskPaneApp');
    expect(one('Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(
      all('Host')
        .filter((h) => h.getAttribute('Name') !== null)
        .map((h) => h.getAttribute('Name')),
    ).toEqual(['Workbook']);
    expect(
      one('DefaultSettings').getElementsByTagNameNS('*', 'SourceLocation')[0].getAttribute('DefaultValue'),
    ).toBe(TASKPANE);
  });

  it('names the add-in in Mongolian with an English override', () => {
    expect(one('ProviderName').textContent).toBe('НДЕГ');
    expect(one('DefaultLocale').textContent).toBe('mn-MN');
    const name = one('DisplayName');
    expect(name.getAttribute('DefaultValue')).toBe('НД Төлөвлөгөө');
    const override = one('Override', name);
    expect([override.getAttribute('Locale'), override.getAttribute('Value')]).toEqual(['en-US', 'ND Plan']);
  });

  it('asks for the least permission and exactly the Excel API version the adapter needs', () => {
    expect(one('Permissions').textContent).toBe('ReadWriteDocument');
    const sets = all('Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
    expect(sets).toEqual([['ExcelApi', REQUIRED_EXCEL_API]]);
  });

  it('has a Home tab button that opens the task pane', () => {
    const home = all('OfficeTab').find((t) => t.getAttribute('id') === 'TabHome');
    expect(home).toBeDefined();
    const buttons = all('Control', home).filter((c) => xsiType(c) === 'Button');
    expect(buttons).toHaveLength(1);
    const action = one('Action', buttons[0]);
    expect(xsiType(action)).toBe('ShowTaskpane');
    expect(one('TaskpaneId', action).textContent).not.toBe('');
    expect(resource(one('SourceLocation', action).getAttribute('resid'))).toBe(TASKPANE);
    expect(resource(one('Label', buttons[0]).getAttribute('resid'))).not.toBe('');
  });

  it('points every icon at a PNG in assets/ of the stated size', () => {
    expectIcon(one('IconUrl').getAttribute('DefaultValue') ?? '', 32);
    expectIcon(one('HighResolutionIconUrl').getAttribute('DefaultValue') ?? '', 64);
    const images = all('Icon').flatMap((icon) => childrenNamed(icon, 'Image'));
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images)
      expectIcon(resource(image.getAttribute('resid')), Number(image.getAttribute('size')));
    expect(new Set(images.map((i) => i.getAttribute('size')))).toEqual(new Set(['16', '32', '80']));
  });

  it('uses only https://localhost:3000 URLs', () => {
    const urls = Array.from(doc.getElementsByTagNameNS('*', '*')).flatMap((e) =>
      Array.from(e.attributes)
        .filter((a) => !a.name.startsWith('xmlns') && /^[a-z]+:\/\//i.test(a.value))
        .map((a) => a.value),
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(ORIGIN)).toBe(true);
  });
});
