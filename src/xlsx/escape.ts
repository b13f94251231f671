/**
 * Excel's escape for cell text XML cannot hold: `_xHHHH_` for control characters (but tab and
 * line feed), CR, U+FFFE/U+FFFF and lone surrogates, and `_x005F_` for an underscore that
 * starts text looking like such an escape, so that the text reads back exactly.
 */
const ESCAPE =
  /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|_(?=x[0-9A-Fa-f]{4}_)/g;

/** What any escape starts with: most text has none of it, and this test is far cheaper than ESCAPE. */
const MAYBE = /[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff_]/;

export function excelEscape(s: string): string {
  if (!MAYBE.test(s)) return s;
  return s.replace(ESCAPE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
