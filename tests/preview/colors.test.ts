/** Excel colours as CSS. */
import { DEFAULT_THEME, applyTint, cssColor, themeColors } from '../../src/preview/colors';

describe('colors', () => {
  test('ARGB, theme (with tint) and indexed colours; automatic is undefined', () => {
    expect(cssColor({ argb: 'FF1F3864' })).toBe('#1F3864');
    expect(cssColor({ argb: 'd9e1f2' })).toBe('#D9E1F2');
    expect(cssColor({ theme: 1 })).toBe('#000000');
    expect(cssColor({ theme: 0 })).toBe('#FFFFFF');
    expect(cssColor({ theme: 4 })).toBe('#4472C4');
    expect(cssColor({ theme: 0, tint: -0.1499984740745262 })).toBe('#D9D9D9');
    expect(cssColor({ theme: 4, tint: 0.7999816888943144 })).toBe('#DAE3F3');
    expect(cssColor({ indexed: 10 })).toBe('#FF0000');
    expect(cssColor({ indexed: 64 })).toBeUndefined();
    expect(cssColor(undefined)).toBeUndefined();
    expect(applyTint('000000', 0.5)).toBe('808080');
  });

  test('a workbook theme is read from its XML, light and dark swapped into Excel’s index order', () => {
    const xml =
      '<a:theme><a:themeElements><a:clrScheme name="Office">' +
      '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
      '<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>' +
      ['4F81BD', 'C0504D', '9BBB59', '8064A2', '4BACC6', 'F79646']
        .map((c, i) => `<a:accent${i + 1}><a:srgbClr val="${c}"/></a:accent${i + 1}>`)
        .join('') +
      '<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink>' +
      '</a:clrScheme></a:themeElements></a:theme>';
    expect(themeColors(xml)).toEqual([
      'FFFFFF',
      '000000',
      'EEECE1',
      '1F497D',
      '4F81BD',
      'C0504D',
      '9BBB59',
      '8064A2',
      '4BACC6',
      'F79646',
      '0000FF',
      '800080',
    ]);
    expect(themeColors(undefined)).toBe(DEFAULT_THEME);
    expect(themeColors('<broken/>')).toBe(DEFAULT_THEME);
  });
});
