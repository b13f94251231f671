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

/** Whether the names of `len` characters at a and at b are the same. */
function sameName(xml: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (xml.charCodeAt(a + k) !== xml.charCodeAt(b + k)) return false;
  return true;
}

/** A tag's attribute names seen so far, as positions (reused: a workbook has millions of tags). */
const attrStart: number[] = [];
const attrEnd: number[] = [];

/**
 * True when the part is certainly well-formed; undefined when only a full parser can tell.
 * Elements only, ASCII names, quoted attribute values without "<", each attribute once,
 * every end tag matching, one root with only white space around it. Names are compared where
 * they stand in the text, so no string is made per tag.
 */
export function quickWellFormed(xml: string): true | undefined {
  const head = DECLARATION.exec(xml);
  let at = head ? head[0].length : 0;
  if (UNUSUAL.test(at ? xml.slice(at) : xml)) return undefined;
  /** The open elements' names: where each starts and ends. */
  const openStart: number[] = [];
  const openEnd: number[] = [];
  let rooted = false;
  for (;;) {
    if (openStart.length === 0) {
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
      const start = openStart.pop();
      const end = openEnd.pop();
      if (start === undefined || end === undefined) return undefined;
      const len = end - start;
      if (!sameName(xml, start, i + 1, len) || isNameChar(xml.charCodeAt(i + 1 + len))) return undefined;
      i = skipSpace(xml, i + 1 + len);
      if (xml.charCodeAt(i) !== 0x3e) return undefined;
      at = i + 1;
      continue;
    }
    const e = nameEnd(xml, i);
    if (e < 0) return undefined;
    const nameStart = i;
    i = e;
    let attributes = 0;
    for (;;) {
      const s = skipSpace(xml, i);
      const c = xml.charCodeAt(s);
      if (c === 0x3e || (c === 0x2f && xml.charCodeAt(s + 1) === 0x3e)) {
        rooted = true;
        if (c === 0x3e) {
          openStart.push(nameStart);
          openEnd.push(e);
        }
        at = c === 0x3e ? s + 1 : s + 2;
        break;
      }
      // An attribute, after white space, named once.
      if (s === i) return undefined;
      const ae = nameEnd(xml, s);
      if (ae < 0) return undefined;
      for (let k = 0; k < attributes; k++)
        if (attrEnd[k] - attrStart[k] === ae - s && sameName(xml, attrStart[k], s, ae - s)) return undefined;
      attrStart[attributes] = s;
      attrEnd[attributes++] = ae;
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
