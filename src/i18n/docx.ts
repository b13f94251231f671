/** Messages for Word documents that cannot be read (DESIGN.md section 15), in Mongolian (default) and English. */

export type DocxFailure = 'doc' | 'encrypted' | 'not-docx' | 'corrupt' | 'too-large' | 'unsafe' | 'no-table';

export const DOCX_MESSAGES: { mn: Record<DocxFailure, string>; en: Record<DocxFailure, string> } = {
  mn: {
    doc: 'хуучин .doc (Word 97–2003) формат; Word-оор .docx болгон хадгалаад дахин оролдоно уу',
    encrypted: 'нууц үгээр хамгаалагдсан Word баримт; нууц үгийг авч хадгалаад дахин оролдоно уу',
    'not-docx': '.docx файл биш байна; Word-оор .docx болгон хадгалаад дахин оролдоно уу',
    corrupt: 'гэмтсэн эсвэл дутуу .docx файл; Word-оор нээж дахин хадгалаад оролдоно уу',
    'too-large':
      'задлахад хэт том .docx файл (96 МБ-аас их эсвэл шахалт нь 200 дахин их); баримтаа хувааж хадгална уу',
    unsafe:
      '.docx доторх XML нь DOCTYPE эсвэл entity тодорхойлолттой тул уншихгүй; Word-оор дахин хадгална уу',
    'no-table': 'Word баримтад хүснэгт алга; төлөвлөгөө эсвэл тайланг хүснэгтээр бичнэ үү',
  },
  en: {
    doc: 'old .doc (Word 97–2003) format; save it as .docx in Word and try again',
    encrypted: 'password-protected Word document; remove the password, save and try again',
    'not-docx': 'not a .docx file; save it as .docx in Word and try again',
    corrupt: 'corrupt or truncated .docx file; open it in Word, save it again and retry',
    'too-large':
      'the .docx inflates beyond the limit (over 96 MB, or over 200 times its size); split the document',
    unsafe:
      'the XML inside the .docx declares a DOCTYPE or entities, so it is not read; save it again in Word',
    'no-table': 'the Word document has no table; write the plan or report as a table',
  },
};

export const IMPORT_TEXT = {
  mn: { done: 'Word баримтыг хуудас болгон бичлээ', needOut: '--out <файл.xlsx> шаардлагатай' },
  en: { done: 'Wrote the Word document as a sheet', needOut: '--out <file.xlsx> is required' },
};

/** The task pane's «Word файл оруулах» (src/taskpane/tabs/WordImport.tsx). */
export const WORD_UI = {
  mn: {
    button: 'Word файл оруулах',
    hint: 'Word (.docx) төлөвлөгөө, тайлангийн хүснэгтийг шинэ хуудсанд загварын дагуу оруулж шалгана.',
    reading: 'Word файлыг уншиж байна…',
    imported: (sheet: string, activities: number, errors: number) =>
      `«${sheet}» хуудсанд орууллаа: ${activities} арга хэмжээ, ${errors} алдаа.`,
    unrecognized: (sheet: string) => `«${sheet}» хуудсанд орууллаа; загвар танигдсангүй.`,
  },
  en: {
    button: 'Import a Word file',
    hint: 'Lays the tables of a Word (.docx) plan or report into a new sheet in the template layout and checks it.',
    reading: 'Reading the Word file…',
    imported: (sheet: string, activities: number, errors: number) =>
      `Imported into “${sheet}”: ${activities} activities, ${errors} errors.`,
    unrecognized: (sheet: string) => `Imported into “${sheet}”; no template recognized.`,
  },
};
