/** Messages for files that cannot be read or written, in Mongolian (default) and English. */

export type ReadFailure =
  | 'missing'
  | 'not-xlsx'
  | 'not-workbook'
  | 'encrypted'
  | 'xls'
  | 'corrupt'
  | 'too-large'
  | 'too-many-cells'
  | 'is-directory'
  | 'no-access'
  | 'cannot-rewrite';

export const READ_MESSAGES: { mn: Record<ReadFailure, string>; en: Record<ReadFailure, string> } = {
  mn: {
    missing: 'файл олдсонгүй',
    'not-xlsx': '.xlsx файл биш байна',
    'not-workbook': 'zip файл боловч Excel-ийн ажлын ном биш байна',
    encrypted: 'нууц үгээр хамгаалагдсан ажлын ном; нууц үгийг авч хадгалаад дахин оролдоно уу',
    xls: 'хуучин .xls формат; Excel-ээр .xlsx болгон хадгалаад дахин оролдоно уу',
    corrupt: 'гэмтсэн .xlsx файл',
    'too-large': 'файлын нэг хэсэг хэт том эсвэл хэт их шахагдсан тул уншихгүй',
    'too-many-cells': 'хуудас хэт олон нүдтэй тул уншихгүй (хязгаар NDPLAN_MAX_CELLS)',
    'is-directory': 'файл биш, хавтас байна',
    'no-access': 'файлыг унших эрх алга',
    'cannot-rewrite':
      'ажлын номыг уншсан боловч доторх зарим хэсгийг (зураг, график, тайлбар) хадгалж дахин бичиж чадахгүй тул өөрчлөхгүй',
  },
  en: {
    missing: 'file not found',
    'not-xlsx': 'not an .xlsx file',
    'not-workbook': 'a zip file but not an Excel workbook',
    encrypted: 'password-protected workbook; remove the password, save and try again',
    xls: 'old .xls format; save it as .xlsx in Excel and try again',
    corrupt: 'corrupt .xlsx file',
    'too-large': 'a part of the file is too large or too highly compressed to read',
    'too-many-cells': 'a sheet has too many cells to read (limit NDPLAN_MAX_CELLS)',
    'is-directory': 'a folder, not a file',
    'no-access': 'no permission to read the file',
    'cannot-rewrite':
      'the workbook was read, but some of its parts (pictures, charts, comments) cannot be kept when writing it back, so it is not changed',
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

export const LOCK_REFUSED_MESSAGES = {
  mn: 'түгжээний файлын оронд өөр зүйл (хавтас, холбоос эсвэл уншигдахгүй файл) байна; үүнийг устгаад дахин оролдоно уу',
  en: 'something other than a lock file (a folder, a link or an unreadable file) is in the way; remove it and try again',
};

/** System errors the command line meets, said in words instead of their codes. */
export type SystemFailure =
  | 'ENOENT'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'EACCES'
  | 'EPERM'
  | 'EROFS'
  | 'ENOSPC'
  | 'EEXIST'
  | 'EBUSY'
  | 'ELOOP'
  | 'ENAMETOOLONG'
  | 'EMFILE';

export const SYSTEM_MESSAGES: { mn: Record<SystemFailure, string>; en: Record<SystemFailure, string> } = {
  mn: {
    ENOENT: 'файл эсвэл хавтас олдсонгүй',
    EISDIR: 'файл биш, хавтас байна',
    ENOTDIR: 'замын нэг хэсэг хавтас биш байна',
    EACCES: 'хандах эрх алга',
    EPERM: 'зөвшөөрөл алга',
    EROFS: 'зөвхөн уншигдах диск',
    ENOSPC: 'дискэнд зай алга',
    EEXIST: 'файл аль хэдийн байна',
    EBUSY: 'файлыг өөр програм ашиглаж байна',
    ELOOP: 'холбоосын гогцоо',
    ENAMETOOLONG: 'файлын нэр хэт урт',
    EMFILE: 'хэт олон файл нээлттэй байна',
  },
  en: {
    ENOENT: 'file or folder not found',
    EISDIR: 'a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only disk',
    ENOSPC: 'no space left on the disk',
    EEXIST: 'the file already exists',
    EBUSY: 'the file is in use by another program',
    ELOOP: 'a loop of links',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
  },
};
