/**
 * Realistic large workbooks for `npm run bench`, in the layout of the sample
 * samples/report-2024-annual.xlsx: a title merged across the table, the date and
 * place lines, the two-row header ("Гүйцэтгэлийн түвшин" merged over Суурь / Хүрэх / Хүрсэн),
 * the numbering row 1…8, sections НЭГ.…ДӨРӨВ., goal rows merged across, activities with long
 * Mongolian narratives, page-break continuation rows, debt narratives, stated percentages,
 * date ranges, quarters and every way a percent is typed — then a second table ("Хоёр. Мэдлэг,
 * ур чадвараа …") and the signature block.
 *
 * Every text is assembled per row from phrase banks with numbers drawn from a seeded PRNG, so
 * that no two rows repeat a string (caches cannot flatter the engine) and a run is
 * reproducible. Defects are injected at a realistic rate: a few issues per 100 activities.
 *
 * One description (SheetModel) gives both an in-memory SheetSnapshot (what the ExcelJS adapter
 * would read; used by the jest budget test) and a real .xlsx written with ExcelJS.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import ExcelJS from 'exceljs';
import type { CellRange, CellValue, SheetSnapshot, ValueType } from '../src/core/snapshot';
import { rangeAddress } from '../src/core/snapshot';

/** A cell of the model: a value, or a number with a number format (a `0%` percent). */
export type GenCell = string | number | null | { value: number; numFmt: string };

export interface SheetModel {
  name: string;
  /** rows[0] is sheet row 1, rows[i][0] column A. Values sit in the top-left cell of a merge only. */
  rows: GenCell[][];
  merges: CellRange[];
  /** Activities written (both tables). */
  activities: number;
}

/** mulberry32: small, fast, good enough to vary texts reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An amount with one decimal, in one of the ways people type it. */
  amount(lo: number, hi: number, style?: number): { text: string; value: number } {
    const value = Math.round((lo + this.next() * (hi - lo)) * 10) / 10;
    return { text: typed(value, style ?? this.int(0, 5)), value };
  }
}

/** 17823.5 as `17,823.5`, `17823.5`, `17 823.5`, `17823,5`, `17 823,5` (never ambiguous). */
function typed(value: number, style: number): string {
  const [int, frac = '0'] = value.toFixed(1).split('.');
  const grouped = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  switch (style) {
    case 0:
      return int.length > 3 ? `${grouped(',')}.${frac}` : `${int}.${frac}`;
    case 1:
      return int.length > 3 ? `${grouped(' ')}.${frac}` : `${int}.${frac}`;
    case 2:
      return `${int},${frac}`;
    case 3:
      return int.length > 3 ? `${grouped(' ')},${frac}` : `${int},${frac}`;
    default:
      return `${int}.${frac}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Phrase banks (from the office's real plans and reports).

const SECTIONS = [
  'НЭГ. БОДЛОГЫН БАРИМТ БИЧИГТ ТУСГАГДСАН ЗОРИЛТ',
  'ХОЁР. ХУУЛИАР ТУСГАЙЛАН ОЛГОСОН ЧИГ ҮҮРГИЙГ ХЭРЭГЖҮҮЛЭХ ЗОРИЛТ',
  'ГУРАВ. НИЙТЛЭГ ЧИГ ҮҮРГИЙН ХҮРЭЭНД ХЭРЭГЖҮҮЛЭХ ЗОРИЛТ',
  'ДӨРӨВ. ТӨРИЙН ҮЙЛЧИЛГЭЭНИЙ ЧАНАР, ХҮРТЭЭМЖИЙГ САЙЖРУУЛАХ ЗОРИЛТ',
];

const GOAL_AIMS = [
  'Нийгмийн даатгалын талаар төрөөс баримтлах бодлогын хэрэгжилтийг хангуулах',
  'нийгмийн даатгалын төв, орон нутгийн нэгжийг мэргэжил, арга зүйн удирдлагаар хангах',
  'гүйцэтгэлд хяналт тавих, судалгаа хийх, санал боловсруулах',
  'Нийгмийн даатгалын сангийн орлого бүрдүүлэх',
  'тэтгэвэр, тэтгэмж, төлбөр, зардлыг хугацаанд нь олгох',
  'өр, авлага барагдуулах ажлыг удирдан зохион байгуулах, гүйцэтгэлийг тайлагнах',
  'Төрийн захиргааны удирдлагын манлайллыг хангах',
  'нийгмийн даатгалын үйлчилгээг хөгжүүлэх замаар байгууллагын тогтвортой хөгжлийг хангах',
  'даатгуулагч, ажил олгогчид үзүүлэх цахим үйлчилгээг өргөжүүлэх',
  'хамралтыг нэмэгдүүлэх, сайн дурын даатгалыг сурталчлах',
];

const ACT_OPEN = [
  'Нийгмийн даатгалын багц хууль /шинэчилсэн найруулга/-ийг хэрэгжүүлэхтэй холбоотой шинээр батлагдсан дүрэм, журам, заавар, зөвлөмжийн хэрэгжилтийг',
  'Албан журмын даатгалын хамралтыг нэмэгдүүлэх зорилгоор нийгмийн даатгалд хамрагдаагүй ажил олгогч, даатгуулагчдыг шинээр хамруулах ажлыг',
  'Нийгмийн даатгалын сангийн шимтгэлийн орлогын төлөвлөгөөний биелэлтийг',
  'Ажил олгогчийн нийгмийн даатгалын шимтгэлийн авлагыг бууруулах ажлыг',
  'ААНБ, иргэд, даатгуулагчдаас ирүүлсэн санал, өргөдөл гомдлыг хуулийн хугацаанд шийдвэрлэх ажлыг',
  'Ажил олгогч, иргэд, малчид, албан бус хөдөлмөр эрхлэгчид, оюутан сурагчдад зориулсан сургалтыг',
  'Мэдээллийн технологийн ашиглалт, програм хангамжийн аюулгүй байдлыг хангах ажлыг',
  'Тэтгэвэр, тэтгэмжийн хүсэлтийг цахимаар хүлээн авч шийдвэрлэх ажлыг',
  'Малчин, хувиараа хөдөлмөр эрхлэгчдийн сайн дурын даатгалын хамралтыг өргөжүүлэх ажлыг',
  'Ажил олгогчийн тайлан, шимтгэлийн тооцоонд хийх хяналт шалгалтыг',
  'ЭМДЕГ-аас ирүүлсэн эрүүл мэндийн даатгалын шимтгэлийн орлогын төлөвлөгөөний биелэлтийг',
  'Газрын дотоод ажлыг сайжруулах, шинэлэг ажил үйлчилгээ нэвтрүүлэх ажлыг',
  'Архивын баримт бичгийг цахимжуулах, бүртгэлийн мэдээллийн санг баяжуулах ажлыг',
  'Нийгмийн даатгалын сангаас олгох тэтгэмжийн зардлын гүйцэтгэлийг',
];

const ACT_HOW = [
  'зохион байгуулах',
  'төлөвлөгөөний дагуу хэрэгжүүлэх',
  'сар, улирал бүр зохион байгуулж хяналт тавих',
  'холбогдох байгууллагуудтай хамтран зохион байгуулах',
  'шат дараатай хэрэгжүүлж үр дүнг тооцох',
  'цахим хэлбэрээр зохион байгуулах',
];

const ACT_TAIL = [
  'биелэлтийг тогтоосон хугацаанд хүргүүлэх',
  'үр дүнг хуулийн хугацаанд тайлагнах',
  'тайланг газрын удирдлагад танилцуулах',
  'гүйцэтгэлийг улирал бүр нэгтгэн хүргүүлэх',
  'зөрчлийг арилгуулж, мэдээллийг шинэчлэх',
];

const PLACES = [
  'Баянгол',
  'Баянзүрх',
  'Сонгинохайрхан',
  'Сүхбаатар',
  'Хан-Уул',
  'Чингэлтэй',
  'Налайх',
  'Багануур',
  'Дархан-Уул',
  'Орхон',
  'Сэлэнгэ',
  'Төв',
  'Өвөрхангай',
  'Хөвсгөл',
  'Дорнод',
  'Завхан',
];

const CRITERIA = [
  'Хэрэгжүүлсэн дүрэм, журам, заавар, зөвлөмж, аргачлал, чиглэлийн тоо',
  'Албан журмын даатгалд шинээр хамрагдсан ажил олгогч, албан журмын даатгуулагчийн тоо',
  'Шимтгэлийн орлогын төлөвлөгөөний биелэлт, сая төгрөгөөр',
  'Ажил олгогчоос төлөх шимтгэлийн авлагын бууралтын хувь',
  'Ирүүлсэн өргөдөл, гомдлын шийдвэрлэлтийн хувиар',
  'Зохион байгуулсан сургалтын тоо, хамрагдсан хүний тоо',
  'Програм хангамжуудыг зөв зохистой ашиглаж, аюулгүй байдлыг хангасан байдал',
  'Хугацаанд нь шийдвэрлэсэн хүсэлтийн тоо',
  'Хяналт шалгалтад хамрагдсан ажил олгогчийн тоо, илэрсэн зөрчлийн тоо',
];

/** Pairs of counted things: [nominative, genitive] twice. */
const ENTITIES = [
  ['ажил олгогч', 'Ажил олгогчийн', 'даатгуулагч', 'даатгуулагчийн'],
  ['байгууллага', 'Байгууллагын', 'албан хаагч', 'албан хаагчийн'],
  ['сургалт', 'Сургалтын', 'оролцогч', 'оролцогчийн'],
  ['малчин', 'Малчдын', 'хувиараа хөдөлмөр эрхлэгч', 'хувиараа хөдөлмөр эрхлэгчийн'],
  ['хүсэлт', 'Хүсэлтийн', 'иргэн', 'иргэний'],
  ['шалгалт', 'Шалгалтын', 'зөрчил', 'зөрчлийн'],
] as const;

const FILLER = [
  'Шинэ системд нэвтрэн орох, тайлан бэлтгэх, илгээх зэрэг асуудлаар нягтлан бодогчдод зөвлөн тусалж ажиллалаа.',
  'Ажил олгогчидтой уулзалт хийж, шимтгэл төлөлтийн хуваарь гаргуулан хэрэгжилтэд нь хяналт тавьж байна.',
  'Даатгуулагчийн төрлийн код гэсэн брошюр хэвлүүлж, ААНБ-ын нягтлан бодогч нарт тараан сургалтанд хамруулсан.',
  'Програм хангамжийн эрхийн тохиргоог зөв хийхэд анхаарч, нэвтрэх нууц үгийг сар тутамд солин ажилласан.',
  'Иргэд, даатгуулагч, ААНБ-аас ирсэн өргөдөл, гомдлыг хуулийн хугацаанд бүрэн шийдвэрлэсэн.',
  'Хамтран ажиллах гэрээний дагуу татварын албатай мэдээлэл солилцож, зөрүүг тулган баталгаажуулсан.',
  'Нийгмийн сүлжээгээр мэдээлэл түгээж, цахим хуудсанд зөвлөмж байршуулсан.',
  'Сум, хорооны нийгмийн даатгалын байцаагч нарт арга зүйн зөвлөгөө өгч ажилласан.',
];

const MONTH = (r: Rand) => String(r.int(1, 12)).padStart(2, '0');
const DAY = (r: Rand) => String(r.int(1, 28)).padStart(2, '0');

/** A sentence with dates, document numbers and days: none of its numbers is a quantity. */
function dated(r: Rand, year: number): string {
  const kind = r.int(0, 3);
  if (kind === 0)
    return `НДЕГ-ын даргын ${year}.${MONTH(r)}.${DAY(r)}-ны А/${r.int(10, 299)} тоот тушаалыг мөрдөн ажиллаж байна.`;
  if (kind === 1)
    return `${year} оны ${MONTH(r)} сарын ${DAY(r)}-ны өдрийн ${r.pick(['01', '02', '03'])}/${r.int(100, 999)} тоот албан бичгээр хүргүүлсэн.`;
  if (kind === 2)
    return `${year - 1} оны ${r.int(1, 12)} дугаар сарын ${r.int(1, 28)}-ний А/${r.int(10, 299)} журмын дагуу ажилласан.`;
  return `${r.pick(PLACES)} дүүргийн ${r.int(1, 32)} дугаар хороонд ${year} оны ${MONTH(r)} сарын ${DAY(r)}-нд нөлөөллийн арга хэмжээ зохион байгуулсан.`;
}

function narrative(r: Rand, year: number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(r.chance(0.35) ? dated(r, year) : r.pick(FILLER));
  return out.join(' ');
}

interface Row8 {
  no: string;
  activity: string;
  criterion: string;
  baseline: string;
  target: string;
  achieved: string;
  period: GenCell;
  percent: GenCell;
}

/** One activity: its texts, with the occasional defect a real sheet carries. */
function activity(r: Rand, no: string, year: number): Row8 {
  const act = `${r.pick(ACT_OPEN)} ${r.pick(PLACES)} ${r.pick(['дүүрэгт', 'аймагт', 'сумдад', 'хороодод'])} ${r.pick(ACT_HOW)}${r.chance(0.6) ? `, ${r.pick(ACT_TAIL)}` : ''}.`;
  const criterion = r.pick(CRITERIA);
  const [e1, g1, e2, g2] = r.pick(ENTITIES);
  const b1 = r.int(5, 400);
  const b2 = r.int(50, 5000);
  const baseline = r.chance(0.5)
    ? `${year - 1} онд ${b1} ${e1}, ${b2} ${e2} хамрагдсан байна.`
    : `${year - 1} онд ${r.pick(FILLER).replace(/\.$/, '')}, ${b1} ${e1} хамрагдсан.`;
  let target: string;
  let achieved: string;
  const kind = r.next();
  if (kind < 0.35) {
    // Two quantities paired in order: a computed percent when none is entered.
    const t1 = r.int(10, 500);
    const t2 = r.int(100, 5000);
    const a1 = Math.round(t1 * (0.6 + r.next() * 0.7));
    const a2 = Math.round(t2 * (0.6 + r.next() * 0.7));
    target = `${g1} тоог ${t1}, ${g2} тоог ${t2} болгож нэмэгдүүлэх.`;
    achieved =
      `${g1} тоог ${a1}, ${g2} тоог ${a2} болгож нэмэгдүүлсэн. ${narrative(r, year, r.int(0, 3))}`.trim();
  } else if (kind < 0.6) {
    // An amount in сая төгрөг, typed in one of the usual ways.
    const t = r.amount(500, 70000);
    const a = r.amount(t.value * 0.7, t.value * 1.2);
    target = `Нийгмийн даатгалын санд ${t.text} сая төгрөгийн орлогыг төвлөрүүлэн ажиллана.`;
    achieved =
      `Шимтгэлийн орлогын төлөвлөгөөг жигд ханган биелүүлж ${a.text} сая төгрөгийн орлогыг төвлөрүүлэн ажиллалаа. ${narrative(r, year, r.int(0, 2))}`.trim();
  } else if (kind < 0.63) {
    // Debt narrative: opening, collected in full and in part, total collected.
    const opening = r.amount(800, 9000, 2);
    const full = r.amount(opening.value * 0.05, opening.value * 0.2, 2);
    const partial = r.amount(opening.value * 0.1, opening.value * 0.4, 2);
    const collected = Math.round((full.value + partial.value) * 10) / 10;
    const n1 = r.int(20, 150);
    const n2 = r.int(50, 300);
    target = `Ажил олгогчоос төлөх шимтгэлийн авлагыг оны эхний дүнгээс ${r.pick([20, 25, 30, 40])}-аас доошгүй хувиар бууруулна.`;
    achieved =
      `Хуримтлагдсан авлага барагдуулах ${r.int(30, 90)} хоногийн аяныг зарлан, шимтгэлийн авлага барагдуулах журмын дагуу арга хэмжээг шат дараалан авч, ` +
      `өртэй ажил олгогчтой уулзалт хийн ажиллаж байна. ${r.amount(500, 3000, 0).text} сая төгрөгийн өртэй ${r.int(10, 60)} ажил олгогчид авлага барагдуулах тухай мэдэгдэл, ` +
      `${r.amount(1000, 5000, 1).text} сая төгрөгийн өртэй ${r.int(20, 90)} ажил олгогчид улсын байцаагчийн албан шаардлага хүргүүлж, ${r.int(10, 60)} ажил олгогч ` +
      `${r.amount(100, 900, 2).text} сая төгрөг, ${r.amount(1000, 5000, 1).text} сая төгрөгийн өртэй ${r.int(100, 300)} ажил олгогчийн дансны зарлагын гүйлгээг хааж ` +
      `${r.int(20, 90)} ажил олгогчийн ${r.amount(100, 900, 4).text} сая төгрөг төлүүлсэн. Мөн ${r.int(1, 5)} байгууллагын ${r.amount(50, 300, 4).text} сая төгрөгийн авлагыг ` +
      `барагдуулахаар шүүхэд шилжүүлсэн. Оны эхний авлага ${opening.text} сая төгрөг байснаас ${n1} ажил олгогчийн ${full.text} сая төгрөгийн авлагыг бүрэн барагдуулж, ` +
      `${n2} ажил олгогчийн ${partial.text} сая төгрөгийн авлагыг хэсэгчлэн барагдуулж, ${n1 + n2} ажил олгогчийн ${typed(collected, 2)} сая төгрөгийн авлагыг ` +
      `барагдуулсан боловч шинээр үүссэн шимтгэлийн авлагыг барагдуулахаар`;
  } else if (kind < 0.68) {
    // A sentence that states plan, actual and percentage (rarely off: STATED_PERCENT_MISMATCH).
    const plan = r.amount(5000, 60000, 0);
    const actual = r.amount(plan.value * 0.9, plan.value * 1.15, 0);
    const pct = (actual.value / plan.value) * 100 + (r.chance(0.05) ? r.pick([-3, 4, 7]) : 0);
    target = `Шимтгэлийн орлогын төлөвлөгөөг сар, улирал, жилээр жигд ханган биелүүлж, ${plan.text} сая төгрөгийн орлогыг төвлөрүүлэн ажиллана.`;
    achieved =
      `${year} онд ${plan.text} сая төгрөг төвлөрүүлэхээс ${actual.text} сая төгрөг төвлөрүүлж, төлөвлөгөөг ${pct.toFixed(1)}%-иар биелүүлэв. ${narrative(r, year, r.int(0, 2))}`.trim();
  } else {
    // Text only, with dates and document numbers that are not quantities.
    target = `${r.pick(FILLER).replace(/\.$/, '')} байх.`;
    achieved = narrative(r, year, r.int(1, 4));
  }
  // Rare ambiguous figure (several dots): NUMBER_AMBIGUOUS.
  if (r.chance(0.004))
    achieved += ` ЭМД-ын сангийн орлогын төлөвлөгөө ${r.int(1, 99)}.${r.int(100, 999)}.${r.int(1, 9)} сая төгрөгөөр биелсэн.`;

  const p = r.next();
  let period: GenCell;
  if (p < 0.8) {
    const sm = r.int(1, 6);
    const em = r.int(7, 12);
    period = `${year}.${String(sm).padStart(2, '0')}.${DAY(r)}\n${year}.${String(em).padStart(2, '0')}.${DAY(r)}`;
  } else if (p < 0.9)
    period = r.pick(['I-IV улирал', 'II, IV улирал', '1-4 улиралд', 'IV улирал', 'III улирал']);
  else if (p < 0.985) period = r.pick(['Сар бүр', 'Улирал бүр', 'Жилдээ', 'Тухай бүр']);
  else if (p < 0.99)
    period = `${year}.${String(r.int(7, 12)).padStart(2, '0')}.${DAY(r)}\n${year}.0${r.int(1, 6)}.${DAY(r)}`; // inverted
  else if (p < 0.995)
    period = `${year}.01.${DAY(r)}\n${year - 10}.12.${DAY(r)}`; // outside the year
  else if (p < 0.997)
    period = `${year}.13.${DAY(r)}`; // invalid
  else period = null;

  const q = r.next();
  let percent: GenCell;
  if (q < 0.62) percent = '100 хувь';
  else if (q < 0.75) percent = r.int(55, 100);
  else if (q < 0.8) percent = `${r.int(60, 99)},${r.int(1, 9)}`;
  else if (q < 0.85) percent = { value: r.int(50, 100) / 100, numFmt: '0%' };
  else if (q < 0.88) percent = '100хувь';
  else if (q < 0.9) percent = `${r.int(70, 100)}%`;
  else if (q < 0.92) percent = r.pick(['-', 'хугацаа болоогүй']);
  else if (q < 0.945)
    percent = kind < 0.63 ? null : '100 хувь'; // quantities and debt: computed, PERCENT_MISSING
  else if (q < 0.995) percent = '100 хувь';
  else percent = r.pick([105, 'ok', 120]);
  return { no, activity: act, criterion, baseline, target, achieved, period, percent };
}

export interface ReportOptions {
  seed?: number;
  sheet?: string;
  year?: number;
  /** The title's unit and person (genitive), e.g. 'ОРЛОГО ШИМТГЭЛИЙН ТАСГИЙН БАЙЦААГЧ', 'Ж.АРИУНТУНГАЛАГИЙН'. */
  unit?: string;
  person?: string;
}

const HEADER_TOP = [
  'Д/д',
  'Зорилтыг хэрэгжүүлэх арга хэмжээ',
  'Шалгуур үзүүлэлт',
  'Гүйцэтгэлийн түвшин',
  null,
  null,
  null,
  null,
];
const HEADER_LOW = [
  null,
  null,
  null,
  'Суурь түвшин',
  'Хүрэх түвшин',
  'Хүрсэн түвшин (биелэлт)',
  'Эхэлсэн дууссан хугацаа',
  'Биелэлт ийн хувь',
];

/** A `performance-report` sheet of `activities` activities (about 1 % of them in the second table). */
export function performanceReport(activities: number, opts: ReportOptions = {}): SheetModel {
  const r = new Rand(prng(opts.seed ?? 20240101));
  const year = opts.year ?? 2024;
  const unit = opts.unit ?? 'ХАМРАЛТ, ОРЛОГО ШИМТГЭЛИЙН ӨР ХАРИУЦСАН БАЙЦААГЧ';
  const person = opts.person ?? 'Ж.АРИУНТУНГАЛАГИЙН';
  const rows: GenCell[][] = [];
  const merges: CellRange[] = [];
  const across = (row: number) => merges.push({ top: row, left: 1, bottom: row, right: 8 });
  const push = (cells: GenCell[]) => rows.push(cells);

  push([`${unit} ${person} ${year} ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН`]);
  across(1);
  push([`${year} оны 12 дугаар сарын ${DAY(r)}`]);
  push(['Улаанбаатар хот']);
  const header = (top: number) => {
    push([...HEADER_TOP]);
    push([...HEADER_LOW]);
    push([1, 2, 3, 4, 5, 6, 7, 8]);
    for (let c = 1; c <= 3; c++) merges.push({ top, left: c, bottom: top + 1, right: c });
    merges.push({ top, left: 4, bottom: top, right: 8 });
  };
  header(4);

  const second = Math.min(5, Math.max(1, Math.round(activities * 0.01)));
  const main = activities - second;
  let written = 0;
  let lastNo = '1.1.1';
  for (let s = 0; s < SECTIONS.length && written < main; s++) {
    push([SECTIONS[s]]);
    across(rows.length);
    const inSection = s === SECTIONS.length - 1 ? main - written : Math.round(main / SECTIONS.length);
    let g = 0;
    let done = 0;
    while (done < inSection) {
      g++;
      const aims = [r.pick(GOAL_AIMS), r.pick(GOAL_AIMS)];
      push([
        `Зорилт ${s + 1}.${g}.“${aims[0]}, ${aims[1]}” гэсэн байгууллагын стратегийн зорилтыг хангахад чиглэсэн хөтөлбөр, арга хэмжээ:`,
      ]);
      across(rows.length);
      const n = Math.min(inSection - done, r.int(3, 12));
      for (let k = 1; k <= n; k++) {
        // Rarely the same number twice under one goal: NUMBERING_DUPLICATE.
        const no = r.chance(0.001) && k > 1 ? lastNo : `${s + 1}.${g}.${k}`;
        lastNo = no;
        const a = activity(r, no, year);
        push([a.no, a.activity, a.criterion, a.baseline, a.target, a.achieved, a.period, a.percent]);
        // A page break from Word: the narrative goes on in the next row.
        if (r.chance(0.05))
          push([
            null,
            null,
            null,
            null,
            null,
            `${r.pick(['шат дараалсан', 'холбогдох', 'тогтоосон'])} арга хэмжээг авч ${r.int(2, 40)} удаа ажилласан.`,
          ]);
      }
      done += n;
    }
    written += done;
  }

  push([]);
  push(['Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт, арга хэмжээний биелэлт']);
  across(rows.length);
  header(rows.length + 1);
  for (let k = 1; k <= second; k++) {
    const a = activity(r, `${k}.`, year);
    push([a.no, a.activity, a.criterion, a.baseline, a.target, a.achieved, a.period, a.percent]);
  }
  push([]);
  push([null, 'ТАЙЛАН ГАРГАСАН:']);
  push([null, unit]);
  push([null, null, null, null, null, person.replace(/(ИЙН|ЫН)$/, '')]);
  push([null, `${year} ОНЫ 12 ДУГААР САРЫН ${DAY(r)}`]);
  return { name: opts.sheet ?? `Тайлан ${year}`, rows, merges, activities: main + second };
}

// ---------------------------------------------------------------------------------------------
// The 60 unit workbooks of a consolidation.

const DISTRICTS = [
  'БАЯНГОЛ ДҮҮРГИЙН',
  'БАЯНЗҮРХ ДҮҮРГИЙН',
  'СОНГИНОХАЙРХАН ДҮҮРГИЙН',
  'СҮХБААТАР ДҮҮРГИЙН',
  'ХАН-УУЛ ДҮҮРГИЙН',
  'ЧИНГЭЛТЭЙ ДҮҮРГИЙН',
  'НАЛАЙХ ДҮҮРГИЙН',
  'БАГАНУУР ДҮҮРГИЙН',
  'ДАРХАН-УУЛ АЙМГИЙН',
  'ОРХОН АЙМГИЙН',
  'СЭЛЭНГЭ АЙМГИЙН',
  'ТӨВ АЙМГИЙН',
];
const DEPARTMENTS = [
  'ОРЛОГО ШИМТГЭЛИЙН ТАСГИЙН БАЙЦААГЧ',
  'ТЭТГЭВРИЙН ТАСГИЙН БАЙЦААГЧ',
  'ТЭТГЭМЖИЙН ТАСГИЙН БАЙЦААГЧ',
  'ХЯНАЛТ ШАЛГАЛТЫН ТАСГИЙН БАЙЦААГЧ',
  'БҮРТГЭЛ МЭДЭЭЛЛИЙН ТАСГИЙН БАЙЦААГЧ',
];
/** Genitive forms (the title's) of names whose nominative the engine recovers. */
const NAMES = [
  'БОЛДЫН',
  'ДОРЖИЙН',
  'ГАНБААТАРЫН',
  'ОЮУНЧИМЭГИЙН',
  'САРАНГЭРЭЛИЙН',
  'ТӨМӨРБААТАРЫН',
  'ЭНХТУЯАГИЙН',
  'БАТБАЯРЫН',
  'НАРАНЦЭЦЭГИЙН',
  'ЭРДЭНЭБИЛЭГИЙН',
  'МӨНХЦЭЦЭГИЙН',
  'ОТГОНБАЯРЫН',
];
const INITIALS = ['Б', 'Д', 'Г', 'Ц', 'Ж', 'Н', 'О', 'С', 'Т', 'Э'];

export interface UnitSpec {
  index: number;
  file: string;
  unit: string;
  person: string;
}

export function unitSpecs(count = 60): UnitSpec[] {
  const out: UnitSpec[] = [];
  for (let i = 0; i < count; i++) {
    const unit = `${DISTRICTS[i % DISTRICTS.length]} НИЙГМИЙН ДААТГАЛЫН ХЭЛТСИЙН ${DEPARTMENTS[Math.floor(i / DISTRICTS.length) % DEPARTMENTS.length]}`;
    const person = `${INITIALS[(i * 7) % INITIALS.length]}.${NAMES[(i * 5) % NAMES.length]}`;
    out.push({ index: i, file: `unit-${String(i + 1).padStart(2, '0')}.xlsx`, unit, person });
  }
  return out;
}

export function unitReport(spec: UnitSpec, activities = 150): SheetModel {
  return performanceReport(activities, { seed: 1000 + spec.index, unit: spec.unit, person: spec.person });
}

// ---------------------------------------------------------------------------------------------
// Outputs.

const isFormatted = (c: GenCell): c is { value: number; numFmt: string } =>
  typeof c === 'object' && c !== null;

/** The snapshot the ExcelJS adapter (src/xlsx/read.ts) reads from the written workbook. */
export function modelSnapshot(m: SheetModel): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  m.rows.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c === null || c === undefined || c === '') return;
      top = Math.min(top, i + 1);
      left = Math.min(left, j + 1);
      bottom = Math.max(bottom, i + 1);
      right = Math.max(right, j + 1);
    }),
  );
  const h = bottom - top + 1;
  const w = right - left + 1;
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const valueTypes: ValueType[][] = [];
  const formulas: (string | null)[][] = [];
  for (let i = 0; i < h; i++) {
    const src = m.rows[top - 1 + i] ?? [];
    const v = new Array<CellValue>(w).fill(null);
    const f = new Array<string>(w).fill('General');
    const t = new Array<ValueType>(w).fill('Empty');
    for (let j = 0; j < w; j++) {
      const c = src[left - 1 + j];
      if (c === null || c === undefined || c === '') continue;
      if (isFormatted(c)) {
        v[j] = c.value;
        f[j] = c.numFmt;
        t[j] = 'Double';
      } else {
        v[j] = c;
        t[j] = typeof c === 'number' ? 'Double' : 'String';
      }
    }
    values.push(v);
    numberFormats.push(f);
    valueTypes.push(t);
    formulas.push(new Array<string | null>(w).fill(null));
  }
  const snap: SheetSnapshot = {
    name: m.name,
    origin: { row: top, col: left },
    values,
    numberFormats,
    valueTypes,
    formulas,
    merges: m.merges.map((x) => ({ ...x })),
  };
  // A serialization round trip gives flat strings, as a reader's are; texts built by concatenation
  // would make the first pass over each of them pay for flattening it.
  return v8.deserialize(v8.serialize(snap)) as SheetSnapshot;
}

const WIDTHS = [8, 45, 30, 30, 30, 45, 14, 10];

/** Writes the model's sheet(s) as a real .xlsx with ExcelJS. */
export async function writeXlsx(file: string, models: SheetModel[]): Promise<number> {
  const wb = new ExcelJS.Workbook();
  for (const m of models) {
    const ws = wb.addWorksheet(m.name);
    WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    m.rows.forEach((row, i) => {
      if (row.length === 0) return;
      const xr = ws.getRow(i + 1);
      row.forEach((c, j) => {
        if (c === null || c === undefined) return;
        const cell = xr.getCell(j + 1);
        if (isFormatted(c)) {
          cell.value = c.value;
          cell.numFmt = c.numFmt;
        } else cell.value = c;
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
    for (const g of m.merges) ws.mergeCells(rangeAddress(g));
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  fs.writeFileSync(file, buf);
  return buf.length;
}
