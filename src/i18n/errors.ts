/** Messages for files that cannot be read or written, in Mongolian (default) and English. */

export type ReadFailure = 'missing' | 'not-xlsx' | 'not-workbook' | 'encrypted' | 'xls' | 'corrupt';

export const READ_MESSAGES: { mn: Record<ReadFailure, string>; en: Record<ReadFailure, string> } = {
  mn: {
    missing: 'файл олдсонгүй',
    'not-xlsx': '.xlsx файл биш байна',
    'not-workbook': 'zip файл боловч Excel-ийн ажлын ном биш байна',
    encrypted: 'нууц үгээр хамгаалагдсан ажлын ном; нууц үгийг авч хадгалаад дахин оролдоно уу',
    xls: 'хуучин .xls формат; Excel-ээр .xlsx болгон хадгалаад дахин оролдоно уу',
    corrupt: 'гэмтсэн .xlsx файл',
  },
  en: {
    missing: 'file not found',
    'not-xlsx': 'not an .xlsx file',
    'not-workbook': 'a zip file but not an Excel workbook',
    encrypted: 'password-protected workbook; remove the password, save and try again',
    xls: 'old .xls format; save it as .xlsx in Excel and try again',
    corrupt: 'corrupt .xlsx file',
  },
};

export const LOCK_MESSAGES = {
  mn: 'өөр хэрэглэгч энэ файлд бичиж байна; түр хүлээгээд дахин оролдоно уу',
  en: 'another user is writing this file; wait a moment and try again',
};

export const FOREIGN_SHEET_MESSAGES = {
  mn: 'хуудсыг НД Төлөвлөгөө бичээгүй тул дарж бичихгүй; нэрийг нь өөрчлөөд дахин оролдоно уу',
  en: 'was not written by ND Plan, so it is not overwritten; rename it and try again',
};
