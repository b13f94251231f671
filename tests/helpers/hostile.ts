/**
 * Hostile strings every writer must keep exactly: white space around
 * formula-like text, CR, control characters, U+FFFE/U+FFFF, literal `_xHHHH_` escapes, lone
 * surrogates, markup, and the characters that would start a formula. One corpus for every
 * writer's tests (direct, ExcelJS, Office.js, Graph) and the command line's.
 */
export const HOSTILE: readonly string[] = [
  ' =1+1 ',
  '\t=1+1',
  '\r=1+1',
  'a\r\nb',
  'c\u0001d\u001fe',
  'X\uFFFEY',
  '\uFFFF',
  '_x0041_',
  '_x005F_x0041_',
  '__x0041__',
  'e\ud800f',
  'g\udc00',
  '&amp; <b> "q" \'a\'',
  '=HYPERLINK("http://x")',
  '+1',
  '-1',
  '@SUM(A1)',
  '  ',
  'Нийгмийн даатгал 😀',
];

/** The strings that start like a formula: a writer that does not force text turns these into one. */
export const FORMULA_LIKE = HOSTILE.filter((s) => /^[=+\-@]/.test(s));
