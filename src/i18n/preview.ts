/**
 * Words of the browser preview's own frame (toolbar, grid, sheet tabs): Mongolian (default)
 * and English. The task pane beside it keeps its own words (src/i18n/ui.ts).
 */
import type { Lang } from './ui';

const mn = {
  pageTitle: 'НД Төлөвлөгөө — хөтчийн урьдчилсан харагдац',
  title: 'НД Төлөвлөгөө',
  subtitle: 'Хөтчийн урьдчилсан харагдац (Excel-гүй)',
  workbook: 'Ажлын ном',
  openFiles: 'Файл нээх…',
  openFilesLabel: 'Excel файл (.xlsx) нээх; хэд хэдэн файл сонговол хуудсууд нь нэг ажлын номд нийлнэ',
  sample: 'Жишээ',
  samplePlaceholder: 'Жишээ сонгох…',
  download: 'Татаж авах',
  downloadLabel: (file: string) => `Өөрчилсөн ажлын номыг ${file} нэрээр татаж авах`,
  empty: 'Excel файл (.xlsx) нээх эсвэл жишээ сонгоно уу.',
  emptyMore:
    'Хэд хэдэн файл зэрэг сонговол хуудсууд нь нэг ажлын номд зэрэгцэн нээгдэнэ: хэлтсийн дарга ажилтнуудынхаа файлыг ингэж нэгтгэнэ. Файл зөвхөн энэ хөтөч дотор боловсруулагдах бөгөөд хаашаа ч илгээгдэхгүй.',
  paneWaiting: 'Ажлын ном нээгдмэгц нэмэлтийн самбар энд гарна.',
  loading: 'Ачаалж байна…',
  loaded: (file: string, sheets: number) => `${file}: ${sheets} хуудас нээлээ.`,
  renamed: (names: string[]) =>
    `Ижил нэртэй хуудсуудыг файлынх нь нэрээр ялгав: ${names.map((n) => `«${n}»`).join(', ')}.`,
  loadError: (message: string) => `Файлыг нээж чадсангүй: ${message}`,
  downloaded: (file: string) => `${file} файлыг татлаа.`,
  sheets: 'Хуудсууд',
  nameBox: 'Сонгосон нүд',
  cellContent: 'Нүдний агуулга',
  grid: (sheet: string) => `«${sheet}» хуудас (зөвхөн харах)`,
  readOnly: 'Зөвхөн харах: нүдийг нэмэлтийн товчоор өөрчилнө.',
  chartsNote: 'График зөвхөн Excel дээр харагдана; энд нүдэн доторх зурвас, өнгөөр орлуулна.',
  truncated: (rows: number, cols: number) => `Эхний ${rows} мөр, ${cols} баганыг харуулж байна.`,
  formula: 'Томьёо: Excel дээр тооцоологдоно',
  blankName: 'Ном1',
  blankSheet: 'Хуудас1',
};

export type PreviewText = typeof mn;

const en: PreviewText = {
  pageTitle: 'ND Plan — browser preview',
  title: 'ND Plan',
  subtitle: 'Browser preview (without Excel)',
  workbook: 'Workbook',
  openFiles: 'Open files…',
  openFilesLabel: 'Open Excel files (.xlsx); the sheets of several files open side by side as one workbook',
  sample: 'Sample',
  samplePlaceholder: 'Choose a sample…',
  download: 'Download',
  downloadLabel: (file) => `Download the changed workbook as ${file}`,
  empty: 'Open an Excel file (.xlsx) or choose a sample.',
  emptyMore:
    'Pick several files at once and their sheets open side by side as one workbook: this is how a head consolidates the staff’s files. Files are processed only inside this browser and sent nowhere.',
  paneWaiting: 'The add-in’s pane appears here once a workbook is open.',
  loading: 'Loading…',
  loaded: (file, sheets) => `${file}: ${sheets} ${sheets === 1 ? 'sheet' : 'sheets'} opened.`,
  renamed: (names) =>
    `Sheets of the same name were told apart by their files: ${names.map((n) => `«${n}»`).join(', ')}.`,
  loadError: (message) => `Could not open the file: ${message}`,
  downloaded: (file) => `Downloaded ${file}.`,
  sheets: 'Sheets',
  nameBox: 'Selected cell',
  cellContent: 'Cell content',
  grid: (sheet) => `Sheet «${sheet}» (read-only)`,
  readOnly: 'Read-only: cells change through the add-in’s buttons.',
  chartsNote: 'Charts appear only in Excel; here in-cell bars and colours stand in for them.',
  truncated: (rows, cols) => `Showing the first ${rows} rows and ${cols} columns.`,
  formula: 'Formula: Excel calculates it',
  blankName: 'Book1',
  blankSheet: 'Sheet1',
};

export const PREVIEW_TEXT: Record<Lang, PreviewText> = { mn, en };

/** The bundled samples (copied from samples/ into dist/samples/ by the build). */
export const SAMPLE_NAMES: Record<string, Record<Lang, string>> = {
  fulfilment: { mn: 'Биелэлт, 2024 оны эхний хагас жил', en: 'Fulfilment report, 2024 first half' },
  annual: { mn: 'Гүйцэтгэлийн тайлан, 2024 он', en: 'Annual performance report, 2024' },
  plan: { mn: 'Гүйцэтгэлийн төлөвлөгөө, 2024 он', en: 'Performance plan, 2024' },
  job: { mn: 'Албан тушаалын тодорхойлолт, 2024 он', en: 'Job description, 2024' },
  receivables: { mn: 'Авлагын тайлан, 2024 он', en: 'Receivables report, 2024' },
  anticorruption: {
    mn: 'Авлигын эсрэг хөтөлбөрийн үнэлгээ, 2019 он',
    en: 'Anti-corruption programme evaluation, 2019',
  },
  departments: { mn: 'Гурван хэлтэс', en: 'Three departments' },
};
