/**
 * The manifest checked without Microsoft's online validator: well-formed XML, the elements the
 * add-in-only manifest schema requires of a task pane app, the permission, and the ExcelApi
 * version the adapter calls unconditionally. `npm run validate` falls back to it offline, and
 * `npm test` runs it (tests/manifest.test.ts).
 */
import { JSDOM } from 'jsdom';
import { REQUIRED_EXCEL_API } from '../src/office/requirements';

/** Children of <OfficeApp> a TaskPaneApp must have, in the schema's order. */
const REQUIRED = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'DefaultSettings',
  'Permissions',
];

/** Problems found in the manifest's text; empty when it holds. */
export function checkManifest(xml: string): string[] {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return ['not well-formed XML'];
  const root = doc.documentElement;
  const problems: string[] = [];
  if (root.localName !== 'OfficeApp') problems.push(`root element is <${root.localName}>, not <OfficeApp>`);
  const type = root.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type');
  if (type !== 'TaskPaneApp') problems.push(`xsi:type is ${type ?? 'missing'}, not TaskPaneApp`);
  const children = Array.from(root.children).map((c) => c.localName);
  for (const name of REQUIRED) if (!children.includes(name)) problems.push(`<${name}> is missing`);
  const positions = REQUIRED.map((n) => children.indexOf(n)).filter((i) => i >= 0);
  if (positions.some((p, i) => i > 0 && p < positions[i - 1]))
    problems.push('required elements are out of the schema order');
  const first = (name: string) => doc.getElementsByTagNameNS('*', name)[0];
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(first('Id')?.textContent ?? ''))
    problems.push('<Id> is not a GUID');
  if (!/^\d+(\.\d+){0,3}$/.test(first('Version')?.textContent ?? ''))
    problems.push('<Version> is not n.n.n.n');
  if (!first('SourceLocation')?.getAttribute('DefaultValue')?.startsWith('https://'))
    problems.push('<SourceLocation> is not an https URL');
  if (first('Permissions')?.textContent !== 'ReadWriteDocument')
    problems.push(`permission is ${first('Permissions')?.textContent ?? 'missing'}, not ReadWriteDocument`);
  const hosts = Array.from(root.getElementsByTagNameNS('*', 'Host'))
    .map((h) => h.getAttribute('Name'))
    .filter(Boolean);
  if (!hosts.includes('Workbook')) problems.push('<Host Name="Workbook"> is missing');
  const excel = Array.from(doc.getElementsByTagNameNS('*', 'Set')).find(
    (s) => s.getAttribute('Name') === 'ExcelApi',
  );
  if (excel?.getAttribute('MinVersion') !== REQUIRED_EXCEL_API)
    problems.push(
      `ExcelApi MinVersion is ${excel?.getAttribute('MinVersion') ?? 'missing'}, the adapter needs ${REQUIRED_EXCEL_API}`,
    );
  return problems;
}
