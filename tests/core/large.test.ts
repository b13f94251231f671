/** A 20,000-row performance report: the engine completes it (the time is printed, not asserted). */
import { analyzeSheet } from '../../src/core/analyze';
import { CheckJson, sheetJson } from '../../src/core/checkJson';
import { sheetSnapshot, type Cell } from '../helpers/workbook';

const NARRATIVES = [
  'Нийгмийн даатгалын сангийн шимтгэлийн орлогын төлөвлөгөөг жигд ханган биелүүлж 23,620.7 сая төгрөгийн орлогыг төвлөрүүлсэн бөгөөд ажил олгогчдод зөвлөгөө, мэдээлэл өгч ажилласан.',
  'Хуримтлагдсан авлага барагдуулах 60 хоногийн аян зарлан, 1,617.2 сая төгрөгийн өртэй 26 ажил олгогчид мэдэгдэл хүргүүлж, 3 356.1 сая төгрөгийн өртэй 64 ажил олгогчид улсын байцаагчийн албан шаардлага хүргүүлсэн.',
  'Иргэд, байгууллагаас ирсэн санал, өргөдөл, гомдлыг хуулийн хугацаанд бүрэн шийдвэрлэж, 2024 оны 02 сарын 27-ны өдөр нэгтгэн тайлагнасан.',
  'Албан хаагчдыг мэргэшүүлэх, программын шинэчлэлтэй холбоотой 8 удаагийн сургалтад хамруулж, мэдлэг, ур чадварыг нь дээшлүүлсэн.',
];

function bigReport(rows: number): { rows: Cell[][]; activities: number } {
  const out: Cell[][] = [
    ['ОРЛОГО ШИМТГЭЛИЙН БАЙЦААГЧ Ж.АРИУНТУНГАЛАГИЙН 2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТӨЛӨВЛӨГӨӨНИЙ БИЕЛЭЛТ'],
    [
      'Д/д',
      'Зорилтыг хэрэгжүүлэх арга хэмжээ',
      'Шалгуур үзүүлэлт',
      'Суурь түвшин',
      'Хүрэх түвшин',
      'Хүрсэн түвшин (биелэлт)',
      'Эхэлсэн дууссан хугацаа',
      'Биелэлтийн хувь',
    ],
    [1, 2, 3, 4, 5, 6, 7, 8],
  ];
  let activities = 0;
  let section = 0;
  let goal = 0;
  let no = 0;
  while (out.length < rows) {
    const i = out.length;
    if (i % 2000 === 3) {
      section++;
      out.push([
        `${['НЭГ', 'ХОЁР', 'ГУРАВ', 'ДӨРӨВ', 'ТАВ'][section % 5]}. ХУУЛИАР ОЛГОСОН ЧИГ ҮҮРГИЙГ ХЭРЭГЖҮҮЛЭХ ЗОРИЛТ ${section}`,
      ]);
      continue;
    }
    if (i % 100 === 4) {
      goal++;
      no = 0;
      out.push([
        `Зорилт ${section}.${goal}. “Нийгмийн даатгалын үйлчилгээг сайжруулах” гэсэн байгууллагын стратегийн зорилтыг хангахад чиглэсэн арга хэмжээ:`,
      ]);
      continue;
    }
    no++;
    activities++;
    const narrative = NARRATIVES[i % NARRATIVES.length];
    out.push([
      `${section}.${goal}.${no}`,
      `${narrative} Арга хэмжээний ${no} дахь ажил.`,
      'Хэрэгжүүлсэн ажлын тоо, хамруулсан ажил олгогч, даатгуулагчийн тоо',
      `2023 онд ${i % 50} ажил олгогч хамрагдсан`,
      `${10 + (i % 7)} ажил олгогч, ${100 + (i % 13)} даатгуулагч`,
      `${narrative} ${8 + (i % 9)} ажил олгогч, ${90 + (i % 31)} даатгуулагч хамрагдсан.`,
      i % 3 ? '2024.01.02\n2024.12.03' : 'I-IV улирал',
      i % 4 === 0 ? null : i % 5 === 0 ? '100 хувь' : 100 - (i % 40),
    ]);
    // Every fifth activity continues on the next row (a page break from Word).
    if (i % 5 === 0 && out.length < rows)
      out.push([
        null,
        'үргэлжлэл: хуудасны завсраар тасарсан өгүүлбэр',
        null,
        null,
        null,
        'болон нэмэлт тайлбар',
      ]);
  }
  return { rows: out, activities };
}

test('a 20,000-row sheet with long narratives and continuations completes', () => {
  const { rows, activities } = bigReport(20_000);
  expect(rows).toHaveLength(20_000);
  const snap = sheetSnapshot({ name: 'Тайлан 2024', rows });
  const t0 = performance.now();
  const a = analyzeSheet(snap);
  const ms = performance.now() - t0;
  const doc = CheckJson.parse({ version: 1, files: [{ file: 'big.xlsx', sheets: [sheetJson(a)] }] });
  const total = performance.now() - t0;
  console.log(
    `20,000 rows: analyzeSheet ${Math.round(ms)} ms (with sheetJson + schema ${Math.round(total)} ms), ${a.activities.length} activities, ${a.issues.length} issues`,
  );
  expect(a.template).toBe('performance-report');
  expect(a.activities).toHaveLength(activities);
  expect(a.summary.activities).toBe(activities);
  // The continuations are joined, not counted as activities.
  const continued = a.activities.find((x) => x.lastRow > x.row)!;
  expect(continued.fields.activity).toMatch(/үргэлжлэл: хуудасны завсраар тасарсан өгүүлбэр$/);
  // Unentered percents are suggested from the quantities and reported as missing.
  expect(a.issues.filter((i) => i.code === 'PERCENT_MISSING').length).toBe(
    a.activities.filter((x) => x.raw.percent === null).length,
  );
  expect(a.summary.goals.length).toBeGreaterThan(150);
  expect(doc.files[0].sheets[0].activities).toHaveLength(activities);
});
