/**
 * Words of the shared-workbook destination (Microsoft Graph): the reasons a push can fail and
 * the phases of its progress bar, in Mongolian (default) and English. The task pane shows
 * `GRAPH_MESSAGES[lang][error.reason]`; the technical detail (HTTP status, Graph error code)
 * stays in `error.message` for the log and never holds the access token.
 */
export type Lang = 'mn' | 'en';

export type GraphErrorReason =
  | 'no-permission'
  | 'locked'
  | 'offline'
  | 'throttled'
  | 'not-found'
  | 'session-expired'
  | 'cancelled'
  | 'unknown';

export const GRAPH_REASONS: GraphErrorReason[] = [
  'no-permission',
  'locked',
  'offline',
  'throttled',
  'not-found',
  'session-expired',
  'cancelled',
  'unknown',
];

export const GRAPH_MESSAGES: Record<Lang, Record<GraphErrorReason, string>> = {
  mn: {
    'no-permission':
      'Хуваалцсан ажлын номд бичих эрх алга. Файлын эзнээс засварлах эрх (Can edit) хүсэх, эсвэл байгууллагын админаар нэмэлтийн зөвшөөрлийг (Files.ReadWrite) баталгаажуулна уу.',
    locked:
      'Хуваалцсан ажлын ном түгжигдсэн байна: өөр хэрэглэгч эсвэл програм яг одоо өөрчилж байна. Хэсэг хүлээгээд дахин илгээнэ үү.',
    offline:
      'Microsoft 365-тэй холбогдож чадсангүй: интернэт холболтоо шалгаад дахин илгээнэ үү. Бичигдсэн мөрүүд хадгалагдсан, дахин илгээхэд дутуу нь нөхөгдөнө.',
    throttled:
      'Microsoft 365 хүсэлтийг түр хязгаарлалаа (хэт олон хүсэлт эсвэл үйлчилгээ ачаалалтай). Хэдэн минутын дараа дахин илгээнэ үү.',
    'not-found':
      'Хуваалцсан ажлын ном олдсонгүй. Холбоос зөв эсэх, файл устгагдаж эсвэл зөөгдөөгүй эсэх, Excel (.xlsx) файл мөн эсэхийг шалгана уу.',
    'session-expired': 'Хуваалцсан ажлын номтой холболтын хугацаа дууслаа. Дахин илгээнэ үү.',
    cancelled:
      'Илгээлтийг цуцаллаа. Бичигдсэн мөрүүд хадгалагдсан; дахин илгээхэд үлдсэн нь нөхөгдөж, давхардахгүй.',
    unknown: 'Хуваалцсан ажлын номд илгээх үед алдаа гарлаа. Дахин оролдоод, давтагдвал админд хандана уу.',
  },
  en: {
    'no-permission':
      'You have no permission to write to the shared workbook. Ask its owner for edit access, or ask your administrator to consent to the add-in (Files.ReadWrite).',
    locked:
      'The shared workbook is locked: another person or program is changing it right now. Wait a moment and push again.',
    offline:
      'Could not reach Microsoft 365: check the internet connection and push again. Rows already written are kept; pushing again completes the rest.',
    throttled:
      'Microsoft 365 is limiting requests for now (too many requests, or the service is busy). Push again in a few minutes.',
    'not-found':
      'The shared workbook was not found. Check the link, that the file was not deleted or moved, and that it is an Excel (.xlsx) workbook.',
    'session-expired': 'The connection to the shared workbook expired. Push again.',
    cancelled:
      'The push was cancelled. Rows already written are kept; pushing again completes the rest without duplicates.',
    unknown:
      'Something went wrong while pushing to the shared workbook. Try again; if it keeps happening, contact your administrator.',
  },
};

export type GraphPhase = 'resolve' | 'read' | 'prepare' | 'write' | 'summary' | 'close';

export const GRAPH_PHASES: Record<Lang, Record<GraphPhase, string>> = {
  mn: {
    resolve: 'Хуваалцсан ажлын номыг хайж байна',
    read: 'Нэгтгэлийн хүснэгтийг уншиж байна',
    prepare: 'Хуудас, хүснэгт үүсгэж байна',
    write: 'Мөрүүдийг бичиж байна',
    summary: 'Товчоог шинэчилж байна',
    close: 'Дуусгаж байна',
  },
  en: {
    resolve: 'Finding the shared workbook',
    read: 'Reading the consolidation table',
    prepare: 'Creating sheets and tables',
    write: 'Writing rows',
    summary: 'Updating the summary',
    close: 'Finishing',
  },
};

/** Words of the destination picker and the change preview. */
export const GRAPH_TEXT: Record<Lang, Record<string, string>> = {
  mn: {
    destinationThis: 'Энэ ажлын ном',
    destinationShared: 'Хуваалцсан ажлын ном (OneDrive/SharePoint)',
    linkLabel: 'Хуваалцсан ажлын номын холбоос',
    linkHint: 'OneDrive эсвэл SharePoint дээрх файлын «Хуваалцах → Холбоос хуулах» холбоосыг буулгана уу.',
    linkInvalid: 'Энэ нь OneDrive/SharePoint-ын холбоос биш байна.',
    added: 'нэмэгдэх',
    updated: 'шинэчлэгдэх',
    removed: 'хасагдах',
    unchanged: 'өөрчлөгдөхгүй',
    push: 'Илгээх',
    cancel: 'Цуцлах',
    done: 'Хуваалцсан ажлын номд илгээлээ',
  },
  en: {
    destinationThis: 'This workbook',
    destinationShared: 'Shared workbook (OneDrive/SharePoint)',
    linkLabel: 'Link to the shared workbook',
    linkHint: 'Paste the link from "Share → Copy link" of the file on OneDrive or SharePoint.',
    linkInvalid: 'This is not a OneDrive/SharePoint link.',
    added: 'to add',
    updated: 'to update',
    removed: 'to remove',
    unchanged: 'unchanged',
    push: 'Push',
    cancel: 'Cancel',
    done: 'Pushed to the shared workbook',
  },
};

/** The confirm step before a push writes to the shared workbook (DESIGN.md section 16): where, what, how much. */
export interface GraphConfirmText {
  heading: string;
  target: (workbook: string) => string;
  units: (count: number, names: string) => string;
  consolidator: (name: string) => string;
  counts: (added: number, updated: number, removed: number, unchanged: number) => string;
  created: string;
  confirm: string;
  back: string;
}

export const GRAPH_CONFIRM: Record<Lang, GraphConfirmText> = {
  mn: {
    heading: 'Илгээхээс өмнө шалгана уу',
    target: (w) => `Хаашаа: «${w}» хуваалцсан ажлын ном`,
    units: (n, names) => `Юуг: ${n} нэгж — ${names}`,
    consolidator: (name) => `Нэгтгэсэн: ${name}`,
    counts: (a, u, r, k) => `Мөр: ${a} нэмэгдэнэ, ${u} шинэчлэгдэнэ, ${r} хасагдана, ${k} өөрчлөгдөхгүй`,
    created: 'Энэ ажлын номд нэгтгэл хараахан алга: анхны илгээлт хуудас, хүснэгтийг нь үүсгэнэ.',
    confirm: 'Тийм, илгээх',
    back: 'Болих',
  },
  en: {
    heading: 'Check before pushing',
    target: (w) => `Where: the shared workbook «${w}»`,
    units: (n, names) => `What: ${n} ${n === 1 ? 'unit' : 'units'} — ${names}`,
    consolidator: (name) => `Consolidated by: ${name}`,
    counts: (a, u, r, k) => `Rows: ${a} to add, ${u} to update, ${r} to remove, ${k} unchanged`,
    created: 'This workbook has no consolidation yet: the first push creates its sheets and table.',
    confirm: 'Yes, push',
    back: 'Go back',
  },
};

/** The message the task pane shows for a failed push. */
export function graphErrorMessage(reason: GraphErrorReason, lang: Lang = 'mn'): string {
  return GRAPH_MESSAGES[lang][reason] ?? GRAPH_MESSAGES[lang].unknown;
}
