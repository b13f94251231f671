/** Timing cells (DESIGN.md section 5, "Periods"). */
import { readPeriod, serialToIso } from '../../src/core/periods';

describe('readPeriod', () => {
  test.each(['2024.01.02', '2024-01-02', '2024/01/02', '2024.1.2', '2024.01.02.'])('one date %j', (raw) => {
    expect(readPeriod(raw)).toEqual({ kind: 'range', start: '2024-01-02', end: '2024-01-02' });
  });

  test.each([
    '2024.01.02 2024.12.03',
    '2024.01.02\n2024.12.03',
    '2024.01.02-2024.12.03',
    '2024.01.02 - 2024.12.03',
    '2024.01.02–2024.12.03',
    '2024.01.02 – 2024.12.03',
    '2024-01-02-2024-12-03',
    '2024/01/02 2024/12/03',
    '  2024.01.02 \n 2024.12.03 ',
  ])('two dates %j give start and end', (raw) => {
    expect(readPeriod(raw)).toEqual({ kind: 'range', start: '2024-01-02', end: '2024-12-03' });
  });

  test.each([
    ['2024.1.2\n2025-1-31', { kind: 'range', start: '2024-01-02', end: '2025-01-31' }],
    ['1999/12/31', { kind: 'range', start: '1999-12-31', end: '1999-12-31' }],
    ['2024.02.29', { kind: 'range', start: '2024-02-29', end: '2024-02-29' }],
    ['2023.02.29', { kind: 'invalid', text: '2023.02.29' }],
    ['2024.13.01', { kind: 'invalid', text: '2024.13.01' }],
    ['2024.00.01', { kind: 'invalid', text: '2024.00.01' }],
    ['2024.01.023', { kind: 'invalid', text: '2024.01.023' }],
    ['2024.001.02', { kind: 'invalid', text: '2024.001.02' }],
    ['2124.01.01', { kind: 'invalid', text: '2124.01.01' }],
    ['2024.01.02\n2024.01.0', { kind: 'invalid', text: '2024.01.02\n2024.01.0' }],
    ['20240102', { kind: 'invalid', text: '20240102' }],
  ])('dates read character by character: %j', (raw, reading) => {
    expect(readPeriod(raw)).toEqual(reading);
  });

  test('an end before its start is still read (PERIOD_INVERTED is the validator’s job)', () => {
    expect(readPeriod('2024.12.03 2024.01.02')).toEqual({
      kind: 'range',
      start: '2024-12-03',
      end: '2024-01-02',
    });
  });

  test.each([
    ['I-IV улирал', [1, 2, 3, 4]],
    ['II, IV улирал', [2, 4]],
    ['1-4 улиралд', [1, 2, 3, 4]],
    ['IV улирал', [4]],
    ['I улирал', [1]],
    ['II–III улирал', [2, 3]],
    ['2-р улирал', [2]],
  ])('quarters %j → %j', (raw, quarters) => {
    expect(readPeriod(raw)).toEqual({ kind: 'text', text: raw, quarters });
  });

  test.each(['Сар бүр', 'Улирал бүр', 'Жилдээ', 'Тухай бүр', 'сар бүр', 'Жил бүр', 'Байнга', 'Жилийн эцэст'])(
    'recurring phrase %j',
    (raw) => {
      expect(readPeriod(raw)).toEqual({ kind: 'text', text: raw });
    },
  );

  test.each([
    '2024.13.02',
    '2024.02.30',
    '2024.00.10',
    'III-V улирал',
    'IV-I улирал',
    'V улирал',
    'гоё',
    '2024.01.02 2024.02.03 2024.03.04',
    '12345',
  ])('%j is invalid', (raw) => {
    expect(readPeriod(raw)).toEqual({ kind: 'invalid', text: raw });
  });

  test('date serials: with a date format, or in the range of plausible dates', () => {
    expect(readPeriod(45293, true)).toEqual({ kind: 'range', start: '2024-01-02', end: '2024-01-02' });
    expect(readPeriod(45293)).toEqual({ kind: 'range', start: '2024-01-02', end: '2024-01-02' });
    expect(readPeriod(12)).toEqual({ kind: 'invalid', text: '12' });
    expect(serialToIso(45658)).toBe('2025-01-01');
  });

  test('empty cells', () => {
    expect(readPeriod(null)).toEqual({ kind: 'empty' });
    expect(readPeriod('')).toEqual({ kind: 'empty' });
    expect(readPeriod('   ')).toEqual({ kind: 'empty' });
  });
});

describe('readPeriod, strictly (DESIGN.md section 14)', () => {
  test.each([
    'Жилийн турш',
    'Хагас жил',
    'Жилийн эцэст',
    'Улирал бүр',
    'I улирал болон III улирал',
    '2 дугаар улиралд',
    '1-6 дугаар сар',
    '2024 оны 6 дугаар сар',
    'I-IV улирал)',
  ])('%j reads: every part is a date, quarter, month, year or recurring phrase', (raw) => {
    expect(readPeriod(raw).kind).toBe('text');
  });

  test.each([
    ['2024.03.01-ээс 2024.06.30 хүртэл', '2024-03-01', '2024-06-30'],
    ['2024.12.31-нд', '2024-12-31', '2024-12-31'],
  ])('dates among connectors %j are a range', (raw, start, end) => {
    expect(readPeriod(raw)).toEqual({ kind: 'range', start, end });
  });

  test.each([
    ['III-V улирал (ТГ) БҮХ ХЭЛТЭС', 'III-V улирал'],
    ['Улирал бүр (ТГ) ЗАХИРГАА', 'ТГ ЗАХИРГАА'],
  ])('%j is invalid and points at %j', (raw, part) => {
    expect(readPeriod(raw)).toEqual({ kind: 'invalid', text: raw, part });
  });

  test('words are matched whole: the жил inside ажилтан is not a year', () => {
    expect(readPeriod('(Хариуцах тасаг, ажилтан)').kind).toBe('invalid');
    expect(readPeriod('Сар бүрийн 5-ны дотор').kind).toBe('text');
    expect(readPeriod('Сар бүрийн 35-ны дотор')).toMatchObject({ kind: 'invalid' });
  });
});
