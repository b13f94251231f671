/** Readers of numbers, percentages and the figures of a narrative (DESIGN.md sections 5, 6 and 13). */
import {
  ambiguousNumbers,
  extractFigures,
  parseNumberToken,
  plainQuantities,
  readAmount,
  readPercent,
} from '../../src/core/numbers';

describe('parseNumberToken: numbers as people type them', () => {
  test.each([
    ['17,823.5', 17823.5],
    ['5297,4', 5297.4],
    ['3 356.1', 3356.1],
    ['1 617,2', 1617.2],
    ['64645.6', 64645.6],
    ['1.617,2', 1617.2],
    ['12,5', 12.5],
    ['0,500', 0.5],
    ['12', 12],
    ['-12', -12],
    ['−3,5', -3.5],
    ['+5', 5],
    ['3\u00A0356,1', 3356.1],
  ])('%s reads as %d without guessing', (raw, value) => {
    expect(parseNumberToken(raw)).toEqual({ value, ambiguous: false });
  });

  test.each([
    ['32.829.9', 32829.9],
    ['9.598.8', 9598.8],
    ['36.125.9', 36125.9],
    ['1,500', 1500],
  ])('%s is read (%d) but flagged ambiguous', (raw, value) => {
    expect(parseNumberToken(raw)).toEqual({ value, ambiguous: true });
  });

  test('several separators of mixed kinds are always ambiguous', () => {
    for (const raw of ['1.2.3.4', '1,2.3', '1,234,567', '1.234.567'])
      expect(parseNumberToken(raw)?.ambiguous).toBe(true);
  });

  test.each(['', 'abc', '1 23', '12 345 6', '.5', 'А/61', '1,2,', '12a'])('%j is not a number', (raw) => {
    expect(parseNumberToken(raw)).toBeNull();
  });
});

describe('readPercent', () => {
  test.each([
    ['100', 100],
    ['100%', 100],
    ['100 хувь', 100],
    ['100хувь', 100],
    ['95 хувь', 95],
    ['97,9', 97.9],
    ['100 %-тай', 100],
    ['100 %', 100],
    ['50 хувиар', 50],
    ['120%', 120],
  ])('text %j → %d', (raw, value) => {
    expect(readPercent(raw)).toEqual({ kind: 'value', value, fromText: true });
  });

  test('numbers: as they are, or ×100 under a % number format (0.9 → 90)', () => {
    expect(readPercent(90)).toEqual({ kind: 'value', value: 90, fromText: false });
    expect(readPercent(0.9, '0%')).toEqual({ kind: 'value', value: 90, fromText: false });
    expect(readPercent(0.979, '0.0%')).toMatchObject({ kind: 'value' });
    expect((readPercent(0.979, '0.0%') as { value: number }).value).toBeCloseTo(97.9, 9);
    expect(readPercent(0.9, 'General')).toEqual({ kind: 'value', value: 0.9, fromText: false });
    // A quoted "%" is a literal sign, not a percent format: 0.9 shown as "0.9%".
    expect(readPercent(0.9, '0.0"%"')).toEqual({ kind: 'value', value: 0.9, fromText: false });
  });

  test.each([
    '-',
    '–',
    '—',
    'хугацаа болоогүй',
    'Хугацаа болоогүй',
    'үнэлэх боломжгүй',
    'Үнэлэх боломжгүй',
    'тооцох хугацаа болоогүй',
  ])('%j is deliberately not assessed', (raw) => {
    expect(readPercent(raw)).toEqual({ kind: 'deliberate' });
  });

  test('empty and garbage', () => {
    expect(readPercent(null)).toEqual({ kind: 'empty' });
    expect(readPercent('')).toEqual({ kind: 'empty' });
    expect(readPercent('   ')).toEqual({ kind: 'empty' });
    expect(readPercent('сайн')).toEqual({ kind: 'invalid', text: 'сайн' });
    expect(readPercent('100 гаруй хувь')).toMatchObject({ kind: 'invalid' });
    expect(readPercent('#VALUE!')).toMatchObject({ kind: 'invalid' });
    expect(readPercent(true)).toMatchObject({ kind: 'invalid' });
  });
});

describe('readAmount', () => {
  test('numbers, numbers stored as text, and nothing', () => {
    expect(readAmount(5297.4)).toEqual({ value: 5297.4, asText: false, ambiguous: false });
    expect(readAmount('1 617,2')).toEqual({ value: 1617.2, asText: true, ambiguous: false });
    expect(readAmount('32.829.9')).toEqual({ value: 32829.9, asText: true, ambiguous: true });
    expect(readAmount('Нийт')).toBeNull();
    expect(readAmount('')).toBeNull();
    expect(readAmount(null)).toBeNull();
  });
});

const kinds = (text: string) => extractFigures(text).map((f) => [f.kind, f.value]);
const plain = (text: string) => plainQuantities(text).map((f) => f.value);

describe('extractFigures / plainQuantities', () => {
  test.each([
    ['2024.01.02-нд 5 сургалт', [5]],
    ['2024-01-02, 2024/03/04 хооронд 7 удаа', [7]],
    ['2023 онд 40 ажил олгогч', [40]],
    ['2024 оны төлөвлөгөөнд 12 сургалт', [12]],
    ['2025 оноос 3 хэлтэс', [3]],
    ['2019-2022 онд 4 удаа', [4]],
    ['02 сарын 27-ны өдөр 8 удаа', [8]],
    ['6 дугаар сарын 10-ны өдөр', []],
    ['1-6 дугаар саруудын орлого', []],
    ['04-нд 3 удаа', [3]],
    ['10-ны өдөр', []],
    ['27-ны өдөр', []],
    ['А/61 дүгээр тушаал', []],
    ['01/47 тоот албан бичиг', []],
    ['03/НД-22/23 тоот гэрээ', []],
    ['3 дугаар зорилт', []],
    ['17-р хороо', []],
    ['1-4 улиралд 2 удаа', [2]],
    ['99.94% байсан', []],
    ['100 хувь биелсэн', []],
    ['30-аас доошгүй хувиар бууруулна', []],
    ['Ажил олгогчийн тоог 46, даатгуулагчийн тоог 186', [46, 186]],
    ['НДЕГ-ын 2016.12.07-ны өдрийн А/61 дүгээр тушаалаар 2 журам', [2]],
  ])('%j → plain quantities %j', (text, values) => {
    expect(plain(text)).toEqual(values);
  });

  test('percentages and thresholds are figures of their own kind', () => {
    expect(kinds('99.94% байсан')).toEqual([['percent', 99.94]]);
    expect(kinds('100 хувь биелсэн')).toEqual([['percent', 100]]);
    expect(kinds('110.6%-иар биелүүлэв')).toEqual([['percent', 110.6]]);
    expect(kinds('30-аас доошгүй хувиар бууруулна')).toEqual([['threshold', 30]]);
    expect(kinds('70 аас доошгүй хувийг')).toEqual([['threshold', 70]]);
    expect(kinds('Ажил олгогчийн тоог 46, 3 дугаар сарын 5-нд 10 хувь')).toEqual([
      ['quantity', 46],
      ['percent', 10],
    ]);
  });

  test('units scale amounts to tugrik: сая, тэрбум, мянган, мян.', () => {
    const f = (t: string) => extractFigures(t).map((x) => [x.value, x.unit]);
    expect(f('5297,4 сая төгрөг')).toEqual([[5297.4e6, 'сая']]);
    expect(f('2,5 тэрбум төгрөг')).toEqual([[2.5e9, 'тэрбум']]);
    expect(f('300 мянган төгрөг')).toEqual([[300e3, 'мянга']]);
    expect(f('12 мян. төгрөг')).toEqual([[12e3, 'мянга']]);
    expect(f('933.6 сая')).toEqual([[933.6e6, 'сая']]);
    expect(f('5 сургалт')).toEqual([[5, null]]);
    // The same amount in two units compares equal.
    expect(plain('1,2 тэрбум')[0]).toBeCloseTo(plain('1200 сая')[0], 3);
  });

  test('the figures keep their text, position and ambiguity', () => {
    const [a, b] = extractFigures('32.829.9 сая төгрөг төвлөрүүлэхээс 36 сая');
    expect(a).toMatchObject({ kind: 'quantity', text: '32.829.9', index: 0, ambiguous: true });
    expect(a.value).toBeCloseTo(32829.9e6, 0);
    expect(b).toMatchObject({ text: '36', ambiguous: false, value: 36e6 });
    expect(extractFigures('тоогүй текст')).toEqual([]);
  });

  test('ambiguousNumbers lists only the tokens read by guessing, dates excluded', () => {
    expect(
      ambiguousNumbers('32.829.9 сая төгрөг төвлөрүүлэхээс 36.125.9 сая, 17,823.5 ба 1,500 хүн, 2024.01.02'),
    ).toEqual(['32.829.9', '36.125.9', '1,500']);
    expect(ambiguousNumbers('17,823.5 сая төгрөг, 2024.01.02-нд, 5297,4')).toEqual([]);
  });

  test.each([
    ['8,801.5 сая, 1.617,2 сая ба 12,5 хувь', []],
    ['1,234,567 төгрөг', ['1,234,567']],
    ['0,500 ба 1,5000', []],
    ['9.598.8 сая', ['9.598.8']],
    ['1,23.456 төгрөг', ['1,23.456']],
    ['12,345.6 ба 1,500', ['1,500']],
    ['1-1,500 хүн', []],
  ])('ambiguousNumbers(%j) is %j: the usual grouping is read without guessing', (text, want) => {
    expect(ambiguousNumbers(text)).toEqual(want);
  });
});
