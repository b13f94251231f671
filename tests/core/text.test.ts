/** Text helpers: normalization, genitive names, responsibility codes, rounding, addresses. */
import { responsibilityCodes } from '../../src/core/checks/responsibilityInvalid';
import { stripGenitive } from '../../src/core/meta';
import { normalizeNo } from '../../src/core/parse';
import { cellAddress, columnLetter, columnNumber, parseRange, rangeAddress } from '../../src/core/snapshot';
import {
  cellText,
  cleanText,
  foldLookalikes,
  normalize,
  roundHalfUp,
  truncate,
  wordSimilarity,
} from '../../src/core/text';

describe('normalize', () => {
  test.each([
    ['Гүйцэ тгэлийн хувь', 'Гүйцэтгэлийн хувь'],
    ['Биелэлт ийн хувь', 'Биелэлтийн хувь'],
    ['Суурь тувшин', 'Суурь түвшин'],
    ['Зорилтот тувшин', 'Зорилтот түвшин'],
    ['ТӨЛӨВЛӨГӨӨ', 'толовлогоо'],
    ['Гүйцэт\u00ADгэлийн хувь', 'Гүйцэтгэлийн хувь'],
    ['Хүрсэн түвшин (биелэлт)', 'хурсэнтувшинбиелэлт'],
    ['Д/д', 'дд'],
    ['№', 'Дд'],
    ['Хоёр', 'хоер'],
    ['XЯНАХ', 'хянах'],
  ])('%j ≡ %j', (a, b) => {
    expect(normalize(a)).toBe(normalize(b));
  });

  test('folds ү→у, ө→о, ё→е, lower-cases and drops spaces and punctuation', () => {
    expect(normalize('Үр дүн, Өр-Ёс!')).toBe('урдунорес');
    expect(normalize('  ')).toBe('');
    expect(normalize('Суурь түвшин')).not.toBe(normalize('Хүрэх түвшин'));
  });

  test('foldLookalikes turns Latin look-alikes into Cyrillic, leaves digits alone', () => {
    expect(foldLookalikes('X, T, Ш 12')).toBe('Х, Т, Ш 12');
    expect(foldLookalikes('ABC')).not.toBe('ABC');
  });

  test('cleanText collapses runs of spaces, keeps new lines; cellText shows numbers as General', () => {
    expect(cleanText('  a \t b\u00A0 c \n  d ')).toBe('a b c\nd');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(12)).toBe('12');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });

  test('wordSimilarity', () => {
    expect(wordSimilarity('Сургалт зохион байгуулах', 'сургалт  зохион байгуулах.')).toBe(1);
    expect(wordSimilarity('Сургалт зохион байгуулах', 'Журам батлах')).toBe(0);
    expect(wordSimilarity('Сургалт', '')).toBe(0);
    expect(wordSimilarity('Сургалт зохион', 'Сургалт батлах')).toBeCloseTo(1 / 3, 9);
  });
});

describe('stripGenitive', () => {
  test.each([
    ['АРИУНТУНГАЛАГИЙН', 'АРИУНТУНГАЛАГ'],
    ['ХУЛАНГИЙН', 'ХУЛАН'],
    ['ГАНТУЯАГИЙН', 'ГАНТУЯА'],
    ['СЭЦЭНГИЙН', 'СЭЦЭН'],
    ['БОЛДЫН', 'БОЛД'],
    ['БАТЫН', 'БАТ'],
    ['ДОРЖИЙН', 'ДОРЖ'],
    ['ТӨМӨРИЙН', 'ТӨМӨР'],
    ['ОЮУНЫ', 'ОЮУН'],
    ['Мөнхийн', 'Мөнх'],
    // Names already in the nominative are kept.
    ['БОЛД', 'БОЛД'],
    ['ЭНХЖИН', 'ЭНХЖИН'],
    ['АРИУНТУНГАЛАГ', 'АРИУНТУНГАЛАГ'],
  ])('%s → %s', (a, b) => {
    expect(stripGenitive(a)).toBe(b);
  });
});

describe('responsibilityCodes', () => {
  test.each([
    ['Х, Ш', ['Х', 'Ш']],
    ['X, Ш', ['Х', 'Ш']],
    ['Г,Х,Ш', ['Г', 'Х', 'Ш']],
    ['Т/Г', ['Т', 'Г']],
    ['T', ['Т']],
    ['x ш', ['Х', 'Ш']],
    ['Ш.', ['Ш']],
    ['Туслах, Гүйцэтгэх', ['Т', 'Г']],
    ['хянах', ['Х']],
    ['Шийдвэрлэх; Хянах', ['Ш', 'Х']],
  ])('%j → %j', (text, codes) => {
    expect(responsibilityCodes(text)).toEqual({ codes, invalid: [] });
  });

  test('anything else is invalid', () => {
    expect(responsibilityCodes('Х, Д')).toEqual({ codes: ['Х'], invalid: ['Д'] });
    expect(responsibilityCodes('абв').invalid).toEqual(['АБВ']);
    expect(responsibilityCodes('Хариуцна')).toEqual({ codes: [], invalid: ['ХАРИУЦНА'] });
  });
});

describe('activity numbers', () => {
  test.each([
    ['1.1.1', '1.1.1'],
    ['1.1.1.', '1.1.1'],
    ['2.', '2'],
    ['1', '1'],
    [' 4.2.3 ', '4.2.3'],
    ['Нийт', null],
    ['1.1.a', null],
    ['', null],
  ])('%j → %j', (raw, no) => {
    expect(normalizeNo(raw)).toBe(no);
  });
});

describe('rounding', () => {
  test('half-up to one decimal, robust to binary fractions', () => {
    expect(roundHalfUp(78.2222)).toBe(78.2);
    expect(roundHalfUp(65.65)).toBe(65.7);
    expect(roundHalfUp(0.05)).toBe(0.1);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-2.25)).toBe(-2.3);
    expect(roundHalfUp(88.85)).toBe(88.9);
  });

  test('truncation keeps the digits written', () => {
    expect(truncate(65.69)).toBe(65.6);
    expect(truncate(78.2999)).toBe(78.2);
    expect(truncate(0.3)).toBe(0.3);
    expect(truncate(-2.29)).toBe(-2.2);
  });
});

describe('addresses', () => {
  test('column letters both ways', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    for (const n of [1, 8, 26, 27, 702, 16384]) expect(columnNumber(columnLetter(n))).toBe(n);
  });

  test('ranges', () => {
    expect(parseRange('$B$3')).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseRange('H4:A1')).toEqual({ top: 1, left: 1, bottom: 4, right: 8 });
    expect(rangeAddress(parseRange('A1:H4'))).toBe('A1:H4');
    expect(rangeAddress(parseRange('C7'))).toBe('C7');
    expect(cellAddress(13, 7)).toBe('G13');
    expect(() => parseRange('nonsense')).toThrow();
  });
});
