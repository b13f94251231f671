/**
 * Excel colours as CSS: ARGB, the workbook's theme colours with a tint, and the legacy
 * indexed palette.
 */

export interface ExcelColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

/** Office's default theme, in Excel's theme-index order (light 1, dark 1, light 2, dark 2, accents, links). */
export const DEFAULT_THEME = [
  'FFFFFF',
  '000000',
  'E7E6E6',
  '44546A',
  '4472C4',
  'ED7D31',
  'A5A5A5',
  'FFC000',
  '5B9BD5',
  '70AD47',
  '0563C1',
  '954F72',
];

const INDEXED = [
  '000000',
  'FFFFFF',
  'FF0000',
  '00FF00',
  '0000FF',
  'FFFF00',
  'FF00FF',
  '00FFFF',
  '000000',
  'FFFFFF',
  'FF0000',
  '00FF00',
  '0000FF',
  'FFFF00',
  'FF00FF',
  '00FFFF',
  '800000',
  '008000',
  '000080',
  '808000',
  '800080',
  '008080',
  'C0C0C0',
  '808080',
  '9999FF',
  '993366',
  'FFFFCC',
  'CCFFFF',
  '660066',
  'FF8080',
  '0066CC',
  'CCCCFF',
  '000080',
  'FF00FF',
  'FFFF00',
  '00FFFF',
  '800080',
  '800000',
  '008080',
  '0000FF',
  '00CCFF',
  'CCFFFF',
  'CCFFCC',
  'FFFF99',
  '99CCFF',
  'FF99CC',
  'CC99FF',
  'FFCC99',
  '3366FF',
  '33CCCC',
  '99CC00',
  'FFCC00',
  'FF9900',
  'FF6600',
  '666699',
  '969696',
  '003366',
  '339966',
  '003300',
  '333300',
  '993300',
  '993366',
  '333399',
  '333333',
];

/**
 * The theme colours of a workbook from its theme XML (ExcelJS keeps it as `_themes.theme1`);
 * the default Office theme when there is none. The XML lists dark 1 before light 1; Excel's
 * theme indexes swap each pair.
 */
export function themeColors(themeXml: string | undefined): string[] {
  if (!themeXml) return DEFAULT_THEME;
  const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(themeXml)?.[0];
  if (!scheme) return DEFAULT_THEME;
  const names = [
    'dk1',
    'lt1',
    'dk2',
    'lt2',
    'accent1',
    'accent2',
    'accent3',
    'accent4',
    'accent5',
    'accent6',
    'hlink',
    'folHlink',
  ];
  const found = names.map((n) => {
    const block = new RegExp(`<a:${n}>([\\s\\S]*?)</a:${n}>`).exec(scheme)?.[1] ?? '';
    return (
      /lastClr="([0-9A-Fa-f]{6})"/.exec(block)?.[1] ??
      /srgbClr val="([0-9A-Fa-f]{6})"/.exec(block)?.[1] ??
      null
    );
  });
  if (found.some((c) => c === null)) return DEFAULT_THEME;
  const c = found as string[];
  return [c[1], c[0], c[3], c[2], ...c.slice(4)].map((x) => x.toUpperCase());
}

function toHls(hex: string): [number, number, number] {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, l, 0];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, l, s];
}

function fromHls(h: number, l: number, s: number): string {
  const hue = (p: number, q: number, t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  let rgb: number[];
  if (s === 0) rgb = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    rgb = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return rgb
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')
    .toUpperCase();
}

/** Excel's tint: towards white for a positive tint, towards black for a negative one (in HLS). */
export function applyTint(hex: string, tint: number): string {
  if (!tint) return hex;
  const [h, l, s] = toHls(hex);
  const lum = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  return fromHls(h, Math.min(1, Math.max(0, lum)), s);
}

/** A CSS colour (#RRGGBB), or undefined when the colour says "automatic". */
export function cssColor(color: ExcelColor | undefined, theme: string[] = DEFAULT_THEME): string | undefined {
  if (!color) return undefined;
  let hex: string | undefined;
  if (typeof color.argb === 'string' && /^[0-9A-Fa-f]{6,8}$/.test(color.argb)) hex = color.argb.slice(-6);
  else if (typeof color.theme === 'number') hex = theme[color.theme];
  else if (typeof color.indexed === 'number') hex = color.indexed === 64 ? undefined : INDEXED[color.indexed];
  if (!hex) return undefined;
  return `#${applyTint(hex.toUpperCase(), color.tint ?? 0)}`;
}
