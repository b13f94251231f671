/** Words the command line prints, in Mongolian (default) and English. */
export type Lang = 'mn' | 'en';

export const CLI_TEXT = {
  mn: {
    usage:
      'Хэрэглээ:\n' +
      '  ndplan check <файл.xlsx|файл.docx>... [--json] [--year N] [--unit TEXT] [--period H1|FY|Q1..Q4]\n' +
      '  ndplan consolidate <файл.xlsx>... --out <нэгтгэл.xlsx> [--json]\n' +
      '  ndplan format <файл.xlsx> --out <хэлбэржүүлсэн.xlsx>\n' +
      '  ndplan compare <төлөвлөгөө.xlsx> <тайлан.xlsx> [--json]\n' +
      '  ndplan draft report --from <төлөвлөгөө.xlsx> --period H1|FY|Q1..Q4 --out <тайлан.xlsx> [--force]\n' +
      '  ndplan draft plan --from <тайлан-эсвэл-АТТ.xlsx> --year N --out <төлөвлөгөө.xlsx> [--force]\n' +
      '  ndplan import <баримт.docx> --out <файл.xlsx> [--force]\n' +
      '  (.xlsx уншдаг бүх команд Word-ын .docx баримт уншина)',
    unrecognized: 'загвар танигдсангүй',
    confidence: 'итгэл',
    activities: 'арга хэмжээ',
    assessed: 'үнэлсэн',
    average: 'дундаж',
    debt: 'Авлага',
    row: 'мөр',
    opening: 'эхний',
    collected: 'барагдуулсан',
    closing: 'эцсийн',
    collectionRatio: 'барагдуулалт',
    reductionRatio: 'бууралт',
    target: 'зорилт',
    met: 'хүрсэн',
    notMet: 'хүрээгүй',
    errors: 'Алдаа',
    warnings: 'Анхааруулга',
    infos: 'Мэдээлэл',
    noIssues: 'Асуудал олдсонгүй.',
    periods: { H1: 'эхний хагас жил', FY: 'жилийн', Q1: 'I улирал', Q2: 'II улирал', Q3: 'III улирал', Q4: 'IV улирал' },
    kinds: { plan: 'төлөвлөгөө', report: 'тайлан' },
    year: 'он',
    badPeriod: '--period нь H1, FY, Q1, Q2, Q3, Q4-ийн нэг байна',
    badYear: '--year нь 2000–2100 хоорондох он байна',
    noFiles: 'файл өгөөгүй байна',
    unknownCommand: 'үл мэдэх команд',
    more: 'дахиад',
    consolidate: {
      target: 'Нэгтгэл',
      rows: 'мөр',
      added: 'нэмэгдсэн',
      updated: 'шинэчлэгдсэн',
      removed: 'хасагдсан',
      unchanged: 'өөрчлөгдөөгүй',
      unit: 'Нэгж · албан хаагч',
      activities: 'арга хэмжээ',
      assessed: 'үнэлсэн',
      average: 'дундаж %',
      overall: 'Нийт',
      debt: 'Авлага',
      target2: 'зорилт',
      needOut: '--out <нэгтгэл.xlsx> шаардлагатай',
    },
    format: { done: 'Хэлбэржүүлсэн', sheets: 'хуудас', skipped: 'танигдаагүй тул алгассан', needOut: '--out <файл.xlsx> шаардлагатай' },
    lifecycle: {
      plan: 'Төлөвлөгөө',
      report: 'Тайлан',
      activities: 'арга хэмжээ',
      matched: 'тохирсон',
      missing: 'тайланд алга',
      unplanned: 'төлөвлөөгүй',
      changed: 'зорилт өөрчлөгдсөн',
      no: 'Д/д',
      planRow: 'Төл.мөр',
      reportRow: 'Тай.мөр',
      state: 'Төлөв',
      same: 'өөрчлөлтгүй',
      changedFields: 'тоо өөрчлөгдсөн',
      byText: 'текстээр тохируулсан',
      missingOne: 'төлөвлөсөн, тайланд алга',
      unplannedOne: 'тайланд байгаа, төлөвлөөгүй',
      fields: { target: 'зорилтот түвшин', baseline: 'суурь түвшин', criterion: 'шалгуур үзүүлэлт' },
      cannotUse: 'энэ файлаас боловсруулах боломжгүй',
      noTemplate: 'загвар танигдсангүй',
      exists: 'файл аль хэдийн байна; дарж бичих бол --force нэмнэ үү',
      drafted: 'Төсөл бичлээ',
    },
    demo: {
      title: 'НД Төлөвлөгөө — жишээ нэгтгэл',
      sources: 'Эх файлууд',
      written: 'Бичсэн файл',
      open: 'Excel-ээр нээж «Нэгтгэл», «Товчоо», «Авлага» хуудсуудыг үзнэ үү.',
    },
  },
  en: {
    usage:
      'Usage:\n' +
      '  ndplan check <file.xlsx|file.docx>... [--json] [--year N] [--unit TEXT] [--period H1|FY|Q1..Q4]\n' +
      '  ndplan consolidate <file.xlsx>... --out <target.xlsx> [--json]\n' +
      '  ndplan format <file.xlsx> --out <formatted.xlsx>\n' +
      '  ndplan compare <plan.xlsx> <report.xlsx> [--json]\n' +
      '  ndplan draft report --from <plan.xlsx> --period H1|FY|Q1..Q4 --out <report.xlsx> [--force]\n' +
      '  ndplan draft plan --from <report-or-job-description.xlsx> --year N --out <plan.xlsx> [--force]\n' +
      '  ndplan import <document.docx> --out <file.xlsx> [--force]\n' +
      '  (every command that reads .xlsx also reads a Word .docx)',
    unrecognized: 'no template recognized',
    confidence: 'confidence',
    activities: 'activities',
    assessed: 'assessed',
    average: 'average',
    debt: 'Receivables',
    row: 'row',
    opening: 'opening',
    collected: 'collected',
    closing: 'closing',
    collectionRatio: 'collection',
    reductionRatio: 'reduction',
    target: 'target',
    met: 'met',
    notMet: 'not met',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    noIssues: 'No issues found.',
    periods: { H1: 'first half-year', FY: 'full year', Q1: 'Q1', Q2: 'Q2', Q3: 'Q3', Q4: 'Q4' },
    kinds: { plan: 'plan', report: 'report' },
    year: '',
    badPeriod: '--period must be one of H1, FY, Q1, Q2, Q3, Q4',
    badYear: '--year must be a year between 2000 and 2100',
    noFiles: 'no files given',
    unknownCommand: 'unknown command',
    more: 'more',
    consolidate: {
      target: 'Consolidation',
      rows: 'rows',
      added: 'added',
      updated: 'updated',
      removed: 'removed',
      unchanged: 'unchanged',
      unit: 'Unit · person',
      activities: 'activities',
      assessed: 'assessed',
      average: 'average %',
      overall: 'Overall',
      debt: 'Receivables',
      target2: 'target',
      needOut: '--out <target.xlsx> is required',
    },
    format: { done: 'Formatted', sheets: 'sheet(s)', skipped: 'not recognized, skipped', needOut: '--out <file.xlsx> is required' },
    lifecycle: {
      plan: 'Plan',
      report: 'Report',
      activities: 'activities',
      matched: 'matched',
      missing: 'missing from the report',
      unplanned: 'unplanned',
      changed: 'targets changed',
      no: 'No.',
      planRow: 'Plan',
      reportRow: 'Report',
      state: 'State',
      same: 'unchanged',
      changedFields: 'figures changed',
      byText: 'matched by text',
      missingOne: 'planned, not reported',
      unplannedOne: 'reported, not planned',
      fields: { target: 'target', baseline: 'baseline', criterion: 'criterion' },
      cannotUse: 'cannot be drafted or compared from',
      noTemplate: 'no template recognized',
      exists: 'file exists; add --force to overwrite',
      drafted: 'Draft written',
    },
    demo: {
      title: 'ND Plan — sample consolidation',
      sources: 'Source files',
      written: 'Written',
      open: 'Open it in Excel and look at the sheets "Нэгтгэл", "Товчоо" and "Авлага".',
    },
  },
};

export function cliLang(): Lang {
  return process.env.NDPLAN_LANG === 'en' ? 'en' : 'mn';
}
