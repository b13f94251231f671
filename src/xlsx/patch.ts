/**
 * Writes the sheets of a write plan into an existing workbook at the level of its package
 * parts (DESIGN.md section 8, issue 16): the plan's sheets replace the sheets of the same name
 * or are added after the others, and only what that needs changes — those sheets' parts, the
 * workbook's sheet list and print names, its relationships, the content types and styles.xml,
 * where styles are appended and never renumbered. Every other part (other sheets, shared
 * strings, drawings, charts, comments, pivot caches, VBA, themes, document properties…) is
 * copied as its compressed bytes. Where other sheets are, the plan's text is written inline,
 * so the shared strings they use stay as they are; a workbook of the plan's sheets alone gets
 * new shared strings (inline text takes far more room and time in a large table).
 *
 * Two parts can go as a consequence: the calculation chain when a sheet it may point into is
 * replaced (Excel rebuilds it), and parts that only a replaced sheet reached (its comments, say).
 *
 * Node only (zlib).
 */
import path from 'node:path/posix';
import type { WritePlan } from '../core/writeplan';
import { REL, TYPE } from './ooxml';
import { planSheets, printNames, renderSheetParts, type StyleAdditions, type StyleBase } from './render';
import { WorkbookReadError } from './read';
import { ZipError, patchZip, unzip, type Deflated } from './zip';
import { STATE_PART, STATE_PROPS_TYPE, STATE_REL, assemble, checkOf, type BlockedSheet } from './blocks';
import type { PartCheck } from '../core/repush';

const WORKSHEET_TYPE = `${TYPE}.worksheet+xml`;
const STRINGS_TYPE = `${TYPE}.sharedStrings+xml`;
const STYLES_TYPE = `${TYPE}.styles+xml`;
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const CONTENT_TYPES = '[Content_Types].xml';

/** A package the patcher cannot edit as text (XML with prefixed element names): ExcelJS writes it instead. */
export class PatchUnsupported extends Error {
  constructor(detail: string) {
    super(`patch: ${detail}`);
    this.name = 'PatchUnsupported';
  }
}

/**
 * A sheet of the plan has its name taken by a sheet the patch cannot replace: a chart sheet, or
 * a sheet named the same in other letter case (Excel's names ignore case).
 */
export class NameTakenError extends Error {
  constructor(readonly sheet: string) {
    super(`«${sheet}» is taken`);
    this.name = 'NameTakenError';
  }
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(ENTITY, (_, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name],
  );
const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = decode(m[2] ?? m[3]);
  return out;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function relationships(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)].map((m) => {
    const a = attributes(m[1]);
    return {
      id: a.Id ?? '',
      type: a.Type ?? '',
      target: a.Target ?? '',
      external: a.TargetMode === 'External',
    };
  });
}

/** The part a relationship of `source` points to ('' source: the package). */
function resolve(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.normalize(path.join(path.dirname(source), target));
}

/** The relationships part of a part. */
function relsOf(part: string): string {
  return part
    ? `${path.dirname(part) === '.' ? '' : `${path.dirname(part)}/`}_rels/${path.basename(part)}.rels`
    : '_rels/.rels';
}

/** Every part reachable from the package's relationships, the relationship parts included. */
function reachable(
  read: (name: string) => string | undefined,
  exists: (name: string) => boolean,
): Set<string> {
  const seen = new Set<string>();
  const visit = (part: string) => {
    const rels = relsOf(part);
    if (!exists(rels) || seen.has(rels)) return;
    seen.add(rels);
    for (const r of relationships(read(rels))) {
      if (r.external) continue;
      const to = resolve(part, r.target);
      if (seen.has(to) || !exists(to)) continue;
      seen.add(to);
      visit(to);
    }
  };
  visit('');
  return seen;
}

interface Section {
  tag: string;
  item: string;
}

const SECTIONS: Record<keyof StyleAdditions, Section> = {
  formats: { tag: 'numFmts', item: 'numFmt' },
  fonts: { tag: 'fonts', item: 'font' },
  fills: { tag: 'fills', item: 'fill' },
  borders: { tag: 'borders', item: 'border' },
  xfs: { tag: 'cellXfs', item: 'xf' },
  dxfs: { tag: 'dxfs', item: 'dxf' },
};

function sectionOf(xml: string, tag: string): RegExpExecArray | null {
  return new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml);
}

function itemsOf(xml: string, { tag, item }: Section): string[] {
  const inner = sectionOf(xml, tag)?.[1] ?? '';
  return [...inner.matchAll(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g'))].map(
    (m) => m[0],
  );
}

/** The styles a target has, as render.ts compares them. */
function styleBase(xml: string): StyleBase {
  const formats = new Map<string, number>();
  for (const f of itemsOf(xml, SECTIONS.formats)) {
    const a = attributes(f.slice(0, f.indexOf('>')));
    if (a.formatCode !== undefined && !formats.has(a.formatCode))
      formats.set(a.formatCode, Number(a.numFmtId));
  }
  return {
    fonts: itemsOf(xml, SECTIONS.fonts),
    fills: itemsOf(xml, SECTIONS.fills),
    borders: itemsOf(xml, SECTIONS.borders),
    xfs: itemsOf(xml, SECTIONS.xfs),
    dxfs: itemsOf(xml, SECTIONS.dxfs),
    formats,
  };
}

/** Where a missing section goes: before the first of these that the styles have. */
const BEFORE: Partial<Record<keyof StyleAdditions, string[]>> = {
  formats: ['<fonts', '<fills', '<borders', '<cellStyleXfs', '<cellXfs'],
  dxfs: ['<tableStyles', '<colors', '<extLst', '</styleSheet>'],
};

/** styles.xml with the render's additions appended to each section, counts updated. */
function appendStyles(xml: string, add: StyleAdditions): string {
  let out = xml;
  for (const key of Object.keys(SECTIONS) as (keyof StyleAdditions)[]) {
    const items = add[key];
    if (!items.length) continue;
    const { tag } = SECTIONS[key];
    const count = itemsOf(out, SECTIONS[key]).length + items.length;
    const found = sectionOf(out, tag);
    if (found) {
      const whole = found[0];
      const open = whole
        .slice(0, whole.indexOf('>') + 1)
        .replace(/\/>$/, '>')
        .replace(/\s+count="\d*"/, '');
      const inner = found[1] ?? '';
      const next = `${open.slice(0, -1)} count="${count}">${inner}${items.join('')}</${tag}>`;
      out = out.slice(0, found.index) + next + out.slice(found.index + whole.length);
      continue;
    }
    const at = (BEFORE[key] ?? []).map((t) => out.indexOf(t)).find((i) => i >= 0);
    if (at === undefined) throw new PatchUnsupported(`styles without ${tag}`);
    out = `${out.slice(0, at)}<${tag} count="${count}">${items.join('')}</${tag}>${out.slice(at)}`;
  }
  return out;
}

/** The styles part of a workbook that has none: only Excel's defaults. */
const DEFAULT_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const PRINT_NAMES = new Set(['_xlnm.Print_Area', '_xlnm.Print_Titles', '_xlnm._FilterDatabase']);

/** The workbook's print names of the sheets at `replaced` tabs taken out, `added` put in. */
function withPrintNames(workbook: string, replaced: Set<number>, added: string[]): string {
  let out = workbook.replace(/<definedName\b([^>]*)>[\s\S]*?<\/definedName>/g, (whole, attrs: string) => {
    const a = attributes(attrs);
    return PRINT_NAMES.has(a.name) && a.localSheetId !== undefined && replaced.has(Number(a.localSheetId))
      ? ''
      : whole;
  });
  if (!added.length) return out;
  const names = added.join('');
  if (/<definedNames\b[^>]*\/>/.test(out))
    return out.replace(/<definedNames\b([^>]*)\/>/, `<definedNames$1>${names}</definedNames>`);
  if (out.includes('</definedNames>')) return out.replace('</definedNames>', `${names}</definedNames>`);
  // After the sheets, and the function groups and external references that may follow them.
  const after =
    /<\/sheets>(?:\s*(?:<functionGroups\b[^>]*\/>|<functionGroups\b[\s\S]*?<\/functionGroups>|<externalReferences\b[\s\S]*?<\/externalReferences>))*/.exec(
      out,
    );
  if (!after) throw new PatchUnsupported('workbook without sheets');
  const at = after.index + after[0].length;
  out = `${out.slice(0, at)}<definedNames>${names}</definedNames>${out.slice(at)}`;
  return out;
}

/**
 * The target's bytes with the plan's sheets patched in. Throws PatchUnsupported for XML it
 * cannot edit as text, NameTakenError when a plan's sheet name is taken by another kind of sheet.
 */
export async function patchWorkbook(
  zip: Buffer,
  plan: WritePlan,
  file = '',
  blocked?: BlockedSheet,
): Promise<Buffer> {
  try {
    return await patch(zip, plan, blocked);
  } catch (e) {
    if (e instanceof ZipError) throw new WorkbookReadError(e.kind, file);
    throw e;
  }
}

async function patch(zip: Buffer, plan: WritePlan, blocked?: BlockedSheet): Promise<Buffer> {
  const files = unzip(zip);
  const changes = new Map<string, Buffer | Deflated | null>();
  let segmented: { part: string; segments: (Buffer | null)[] } | undefined;
  const others: PartCheck[] = [];
  /** Whether any of the blocked sheet's blocks are kept from the target. */
  const keeps = !!blocked && (blocked.kept.size > 0 || blocked.segments.size > 0);
  /** A sheet's part: whole, or in segments to assemble with the blocks kept (src/xlsx/blocks.ts). */
  const setPart = (part: string, rendered: Buffer | (Buffer | null)[], sheet: string) => {
    if (Buffer.isBuffer(rendered)) {
      changes.set(part, rendered);
      if (blocked?.also.includes(sheet)) others.push(checkOf(part, rendered));
    } else if (keeps && blocked.part !== part)
      throw new PatchUnsupported(`blocks of ${blocked.part} for ${part}`);
    else segmented = { part, segments: rendered };
  };
  const text = (name: string): string | undefined => {
    if (!changes.has(name)) return files.get(name)?.().toString('utf8');
    const now = changes.get(name);
    return Buffer.isBuffer(now) ? now.toString('utf8') : undefined;
  };
  const exists = (name: string) => (changes.has(name) ? changes.get(name) !== null : files.has(name));
  let workbook = text(WORKBOOK);
  let rels = text(WORKBOOK_RELS);
  let types = text(CONTENT_TYPES);
  if (!workbook || !rels || !types) throw new PatchUnsupported('not a workbook package');
  const sheetsAt = /<sheets\b[^>]*>([\s\S]*?)<\/sheets>|<sheets\b[^>]*\/>/.exec(workbook);
  if (!sheetsAt || !/<Relationships\b/.test(rels) || !/<Types\b/.test(types))
    throw new PatchUnsupported('prefixed XML');
  // Strict Open XML names its parts' relationships otherwise: transitional sheets do not mix in.
  if (workbook.includes('http://purl.oclc.org/ooxml/')) throw new PatchUnsupported('strict Open XML');
  const before = reachable(text, exists);

  const byId = new Map(relationships(rels).map((r) => [r.id, r]));
  const existing = [...(sheetsAt[1] ?? '').matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => {
    const a = attributes(m[1]);
    const rid = Object.entries(a).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1] ?? '';
    return { name: a.name ?? '', sheetId: Number(a.sheetId) || 0, rel: byId.get(rid) };
  });

  const sheets = planSheets(plan);
  const stylesRel = relationships(rels).find((r) => r.type === `${REL}/styles`);
  const stylesPath = stylesRel ? resolve(WORKBOOK, stylesRel.target) : 'xl/styles.xml';
  const stylesXml = (stylesRel && text(stylesPath)) || DEFAULT_STYLES;
  if (!/<styleSheet\b/.test(stylesXml)) throw new PatchUnsupported('prefixed styles');
  const own = new Set(sheets.map((s) => s.name));
  const ownOnly = existing.every((s) => own.has(s.name));
  // Kept blocks refer to the shared strings as they are: those are not renumbered then.
  const shared = ownOnly && !keeps;
  const rendered = renderSheetParts(sheets, styleBase(stylesXml), shared, blocked);

  const taken = new Set([...files.keys()]);
  const ids = new Set(byId.keys());
  const nextRid = () => {
    let r = 1;
    while (ids.has(`rId${r}`)) r++;
    ids.add(`rId${r}`);
    return `rId${r}`;
  };
  let nextSheetId = Math.max(0, ...existing.map((s) => s.sheetId)) + 1;
  const newSheets: string[] = [];
  const newRels: string[] = [];
  const newTypes: string[] = [];
  const replaced = new Set<number>();
  const names: string[] = [];
  let tabs = existing.length;
  sheets.forEach((sheet, i) => {
    const at = existing.findIndex((s) => s.name.toLowerCase() === sheet.name.toLowerCase());
    const old = existing[at];
    if (old) {
      if (old.name !== sheet.name || old.rel?.type !== `${REL}/worksheet`)
        throw new NameTakenError(sheet.name);
      const part = resolve(WORKBOOK, old.rel.target);
      setPart(part, rendered.parts[i], sheet.name);
      // Its comments, drawings and links belonged to the rows replaced.
      if (files.has(relsOf(part))) changes.set(relsOf(part), null);
      replaced.add(at);
      names.push(...printNames(sheet, at));
      return;
    }
    let n = 1;
    while (taken.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = `xl/worksheets/sheet${n}.xml`;
    taken.add(part);
    const rid = nextRid();
    setPart(part, rendered.parts[i], sheet.name);
    // The prefix declared on the element itself: some writers (openpyxl) declare it per sheet, not on the root.
    newSheets.push(
      `<sheet xmlns:r="${REL}" name="${escapeAttr(sheet.name)}" sheetId="${nextSheetId++}" r:id="${rid}"/>`,
    );
    newRels.push(`<Relationship Id="${rid}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    newTypes.push(`<Override PartName="/${part}" ContentType="${WORKSHEET_TYPE}"/>`);
    names.push(...printNames(sheet, tabs++));
  });

  if (newSheets.length) {
    const sheetXml = newSheets.join('');
    workbook = sheetsAt[0].endsWith('/>')
      ? workbook.replace(sheetsAt[0], `${sheetsAt[0].slice(0, -2)}>${sheetXml}</sheets>`)
      : workbook.replace('</sheets>', `${sheetXml}</sheets>`);
  }
  workbook = withPrintNames(workbook, replaced, names);

  // The chain lists formula cells by sheet: one into a replaced sheet would point at cells that changed.
  if (replaced.size)
    rels = rels.replace(
      /<Relationship\b[^>]*?\/>|<Relationship\b[^>]*?>[\s\S]*?<\/Relationship>/g,
      (whole) => (attributes(whole).Type === `${REL}/calcChain` ? '' : whole),
    );
  /** A workbook part the target lacked (or had without a relationship, so its content type may be there). */
  const addRel = (type: string, target: string, contentType: string) => {
    newRels.push(`<Relationship Id="${nextRid()}" Type="${REL}/${type}" Target="${target}"/>`);
    if (!types!.includes(`PartName="/xl/${target}"`))
      newTypes.push(`<Override PartName="/xl/${target}" ContentType="${contentType}"/>`);
  };
  /** The shared strings the blocks refer to: the ones written now, or those the kept blocks kept. */
  let strings = keeps ? (blocked.strings ?? null) : null;
  if (rendered.strings) {
    const stringsRel = relationships(rels).find((r) => r.type === `${REL}/sharedStrings`);
    const at = stringsRel ? resolve(WORKBOOK, stringsRel.target) : 'xl/sharedStrings.xml';
    changes.set(at, rendered.strings);
    if (!stringsRel) addRel('sharedStrings', 'sharedStrings.xml', STRINGS_TYPE);
    strings = checkOf(at, rendered.strings);
  }
  if (segmented) {
    const done = await assemble(segmented.part, segmented.segments, blocked!, strings, others);
    changes.set(segmented.part, done.sheet);
    for (const [p, bytes] of done.state) changes.set(p, bytes);
  }
  if (!stylesRel) addRel('styles', 'styles.xml', STYLES_TYPE);
  if (
    blocked &&
    !relationships(rels).some((r) => r.type === STATE_REL.type && resolve(WORKBOOK, r.target) === STATE_PART)
  ) {
    newRels.push(`<Relationship Id="${nextRid()}" Type="${STATE_REL.type}" Target="${STATE_REL.target}"/>`);
    if (!types.includes(`PartName="${STATE_PROPS_TYPE.part}"`))
      newTypes.push(`<Override PartName="${STATE_PROPS_TYPE.part}" ContentType="${STATE_PROPS_TYPE.type}"/>`);
    // The state is XML: a package without a default for .xml names its type.
    if (!/<Default\b[^>]*Extension="xml"/i.test(types) && !types.includes(`PartName="/${STATE_PART}"`))
      newTypes.push(`<Override PartName="/${STATE_PART}" ContentType="application/xml"/>`);
  }
  rels = rels.replace('</Relationships>', `${newRels.join('')}</Relationships>`);
  /** Parts are replaced only when their text changed: the rest keep their bytes. */
  const update = (name: string, now: string, was: string | undefined) => {
    if (now !== was) changes.set(name, Buffer.from(now, 'utf8'));
  };
  update(stylesPath, appendStyles(stylesXml, rendered.styles), stylesRel ? text(stylesPath) : undefined);
  update(WORKBOOK, workbook, text(WORKBOOK));
  update(WORKBOOK_RELS, rels, text(WORKBOOK_RELS));

  // What only the replaced sheets and the dropped relationships reached goes, with its content type.
  const after = reachable(text, exists);
  const gone = [...before].filter((p) => !after.has(p));
  for (const p of gone) changes.set(p, null);
  const goneTypes = new Set(gone.map((p) => `/${p}`));
  types = types.replace(/<Override\b[^>]*?\/>/g, (whole) =>
    goneTypes.has(attributes(whole).PartName) ? '' : whole,
  );
  types = types.replace('</Types>', `${newTypes.join('')}</Types>`);
  update(CONTENT_TYPES, types, text(CONTENT_TYPES));
  return patchZip(zip, changes);
}
