/**
 * Words of the pane's undo and of the marks ND Plan leaves in the sheet (fills and notes a head
 * sees without the add-in), Mongolian (default) and English.
 */
import type { Severity } from '../core/model';
import type { Lang } from './ui';

export type MarkKind = 'note' | 'comment' | 'fill';

const SEVERITY_MN: Record<Severity, string> = { error: 'Алдаа', warning: 'Анхааруулга', info: 'Мэдээлэл' };
const SEVERITY_EN: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

const mn = {
  undo: {
    button: 'Буцаах',
    label: 'Сүүлийн өөрчлөлтийг буцаах',
    hint: 'НД Төлөвлөгөө хуудсанд бичсний дараа Excel өөрийн «Буцаах» түүхийг цэвэрлэдэг. Энэ товч сүүлийн бичилтийн өмнөх утга, хэлбэржүүлэлтийг сэргээж, нэмсэн хуудсыг устгана.',
    done: 'Сүүлийн өөрчлөлтийг буцаалаа.',
  },
  marks: {
    heading: 'Хуудсан дахь тэмдэг',
    hint: 'Асуудалтай нүд бүрийг будаж, тайлбар бичнэ. Нэмэлтгүйгээр файлыг нээсэн хүн ч харна.',
    mark: 'Хуудсанд тэмдэглэх',
    remove: 'Арилгах',
    nothing: 'Тэмдэглэх асуудалтай нүд алга.',
    marked: (cells: number, kind: MarkKind) =>
      kind === 'fill'
        ? `${cells} нүдийг будлаа. Энэ Excel тэмдэглэл нэмэх боломжгүй.`
        : `${cells} нүдийг будаж, ${kind === 'note' ? 'тэмдэглэл' : 'сэтгэгдэл'} нэмлээ.`,
    removed: (cells: number) => `${cells} нүдний тэмдгийг арилгаж, өмнөх өнгийг сэргээлээ.`,
    /** The first line of every note ND Plan writes: whose note it is. */
    noteTitle: 'НД Төлөвлөгөө — шалгалт',
    severity: (s: Severity) => SEVERITY_MN[s],
  },
};

type MarksText = typeof mn;

const en: MarksText = {
  undo: {
    button: 'Undo',
    label: 'Undo the last change',
    hint: 'Excel clears its own undo history after an add-in writes to a sheet. This button restores the values and formats from before ND Plan’s last write and removes the sheets it added.',
    done: 'The last change was undone.',
  },
  marks: {
    heading: 'Marks in the sheet',
    hint: 'Fills each cell with an issue and adds a note, so anyone who opens the file without the add-in sees them.',
    mark: 'Mark the cells',
    remove: 'Remove',
    nothing: 'No cells with issues to mark.',
    marked: (cells: number, kind: MarkKind) =>
      kind === 'fill'
        ? `Filled ${cells} cells; this Excel cannot add notes, so none were added.`
        : `Filled ${cells} cells and added ${kind === 'note' ? 'notes' : 'comments'}.`,
    removed: (cells: number) => `Removed the marks from ${cells} cells and restored their fill.`,
    noteTitle: 'ND Plan check',
    severity: (s: Severity) => SEVERITY_EN[s],
  },
};

export const MARKS_UI: Record<Lang, MarksText> = { mn, en };
