/** The preview grid's number formats: what Excel shows for the formats the office's reports use. */
import {
  formatGeneral,
  formatNumber,
  formatText,
  isDateFormatCode,
  roundHalfAway,
  sections,
  serialToDate,
} from '../../src/preview/numfmt';

describe('numfmt', () => {
  test.each([
    [100, '0.0', '100.0'],
    [65.7, '0.0', '65.7'],
    [65.75, '0.0', '65.8'],
    [0.657, '0%', '66%'],
    [0.6575, '0.0%', '65.8%'],
    [1234.5, '#,##0.00', '1,234.50'],
    [-1234.5, '#,##0', '-1,235'],
    [1234567, '#,##0', '1,234,567'],
    [-2, '0.0;(0.0)', '(2.0)'],
    [0, '0;-0;"—"', '—'],
    [1000, '"₮"#,##0', '₮1,000'],
    [1000, '[$₮-450]#,##0', '₮1,000'],
    [1.5, '[Red]0.0', '1.5'],
    [0.5, '#.##', '.5'],
    [7, '000', '007'],
    [2.5, '0', '3'],
    [-2.5, '0', '-3'],
    [12345, '0.00E+00', '1.23E+04'],
    [1500000, '#,##0,', '1,500'],
    [3, '0_);(0)', '3 '],
    [42, 'General', '42'],
    [42, '', '42'],
  ])('%p in %p shows %p', (value, format, shown) => {
    expect(formatNumber(value, format)).toBe(shown);
  });

  test('General: integers as they are, ten significant digits, scientific for very large or small numbers', () => {
    expect(formatGeneral(1 / 3)).toBe('0.3333333333');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(-17)).toBe('-17');
    expect(formatGeneral(123456789012)).toBe('1.23457E+11');
    expect(formatGeneral(1e-10)).toBe('1E-10');
  });

  test('dates: from serial numbers (1900 and 1904 systems) and from Date values', () => {
    expect(formatNumber(45292, 'yyyy-mm-dd')).toBe('2024-01-01');
    expect(formatNumber(45292, 'dd.mm.yyyy')).toBe('01.01.2024');
    expect(formatNumber(new Date(Date.UTC(2024, 5, 10, 14, 5, 9)), 'yyyy.mm.dd hh:mm:ss')).toBe(
      '2024.06.10 14:05:09',
    );
    expect(formatNumber(new Date(Date.UTC(2024, 5, 10, 14, 5)), 'h:mm AM/PM')).toBe('2:05 PM');
    expect(formatNumber(new Date(Date.UTC(2024, 5, 10)), 'd mmm yy')).toBe('10 Jun 24');
    expect(formatNumber(new Date(Date.UTC(2024, 5, 10)), 'dddd, mmmm d')).toBe('Monday, June 10');
    expect(serialToDate(0, true).toISOString()).toBe('1904-01-01T00:00:00.000Z');
    expect(isDateFormatCode('yyyy-mm-dd')).toBe(true);
    expect(isDateFormatCode('0.0%')).toBe(false);
    expect(isDateFormatCode('"day" 0')).toBe(false);
  });

  test('text: shown as it is unless a text section wraps it', () => {
    expect(formatText('abc', '0.0')).toBe('abc');
    expect(formatText('abc', '@')).toBe('abc');
    expect(formatText('abc', '0;-0;0;"<"@">"')).toBe('<abc>');
    expect(formatText('=SUM(A1)', undefined)).toBe('=SUM(A1)');
  });

  test('sections split at semicolons outside quotes; rounding is half away from zero', () => {
    expect(sections('0;"a;b";0')).toEqual(['0', '"a;b"', '0']);
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-1.005, 2)).toBe(-1.01);
    expect(roundHalfAway(0.5, 0)).toBe(1);
  });
});
