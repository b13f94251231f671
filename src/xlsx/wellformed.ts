/**
 * Well-formedness of a workbook's XML parts. A full parser (saxes) looks at every character
 * one at a time, which was a quarter of the time of reading many small unit workbooks; the
 * parts writers produce use a small corner of XML, which a few compiled regular expressions
 * check at once. That quick check only ever says "well-formed" for what saxes accepts; for
 * anything else (comments, CDATA, DOCTYPE, numeric references, names beyond ASCII, any error)
 * it says nothing and saxes decides, so the verdict is always the full parser's.
 */
import { SaxesParser } from 'saxes';

/**
 * What the quick check leaves to the full parser: characters XML 1.0 does not allow (and any
 * surrogate, paired or not), references other than the five predefined entities, markup other
 * than elements (comments, CDATA, DOCTYPE, processing instructions), and "]]>".
 */
const UNUSUAL =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]|&(?!(?:lt|gt|amp|quot|apos);)|<[!?]|\]\]>/;
const DECLARATION =
  /^<\?xml version="1\.0"(?: encoding="[A-Za-z][A-Za-z0-9._-]*")?(?: standalone="(?:yes|no)")?[ \t\r\n]*\?>/;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNameStart = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;

/** The end of an ASCII name starting at i, or -1. */
function nameEnd(xml: string, i: number): number {
  if (!isNameStart(xml.charCodeAt(i))) return -1;
  i++;
  while (isNameChar(xml.charCodeAt(i))) i++;
  return i;
}

function skipSpace(xml: string, i: number): number {
  while (isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/**
 * True when the part is certainly well-formed; undefined when only a full parser can tell.
 * Elements only, ASCII names, quoted attribute values without "<", each attribute once,
 * every end tag matching, one root with only white space around it.
 */
export function quickWellFormed(xml: string): true | undefined {
  const head = DECLARATION.exec(xml);
  let at = head ? head[0].length : 0;
  if (UNUSUAL.test(at ? xml.slice(at) : xml)) return undefined;
  const open: string[] = [];
  let rooted = false;
  for (;;) {
    if (open.length === 0) {
      // Outside the root element only white space may stand, and only one root.
      at = skipSpace(xml, at);
      if (at >= xml.length) break;
      if (rooted || xml.charCodeAt(at) !== 0x3c) return undefined;
    } else {
      at = xml.indexOf('<', at);
      if (at < 0) return undefined;
    }
    let i = at + 1;
    if (xml.charCodeAt(i) === 0x2f) {
      const name = open.pop();
      if (
        name === undefined ||
        !xml.startsWith(name, i + 1) ||
        isNameChar(xml.charCodeAt(i + 1 + name.length))
      )
        return undefined;
      i = skipSpace(xml, i + 1 + name.length);
      if (xml.charCodeAt(i) !== 0x3e) return undefined;
      at = i + 1;
      continue;
    }
    const e = nameEnd(xml, i);
    if (e < 0) return undefined;
    const name = xml.slice(i, e);
    i = e;
    let first = -1;
    let firstEnd = -1;
    let names: string[] | undefined;
    for (;;) {
      const s = skipSpace(xml, i);
      const c = xml.charCodeAt(s);
      if (c === 0x3e || (c === 0x2f && xml.charCodeAt(s + 1) === 0x3e)) {
        rooted = true;
        if (c === 0x3e) open.push(name);
        at = c === 0x3e ? s + 1 : s + 2;
        break;
      }
      // An attribute, after white space, named once.
      if (s === i) return undefined;
      const ae = nameEnd(xml, s);
      if (ae < 0) return undefined;
      if (first < 0) {
        first = s;
        firstEnd = ae;
      } else {
        names ??= [xml.slice(first, firstEnd)];
        const attribute = xml.slice(s, ae);
        if (names.includes(attribute)) return undefined;
        names.push(attribute);
      }
      let v = skipSpace(xml, ae);
      if (xml.charCodeAt(v) !== 0x3d) return undefined;
      v = skipSpace(xml, v + 1);
      const q = xml.charCodeAt(v);
      if (q !== 0x22 && q !== 0x27) return undefined;
      const close = xml.indexOf(q === 0x22 ? '"' : "'", v + 1);
      if (close < 0) return undefined;
      const lt = xml.indexOf('<', v + 1);
      if (lt >= 0 && lt < close) return undefined;
      i = close + 1;
    }
  }
  return rooted ? true : undefined;
}

/** Whether a full XML parser accepts the part. */
export function parsesAsXml(xml: string): boolean {
  const parser = new SaxesParser();
  try {
    parser.write(xml).close();
    return true;
  } catch {
    return false;
  }
}

export function isWellFormed(xml: string): boolean {
  return quickWellFormed(xml) === true || parsesAsXml(xml);
}
