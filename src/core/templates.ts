/**
 * The office's templates as declarative data (DESIGN.md section 4), validated by zod.
 * Adding a template is adding one definition here; recognition, parsing, validation and
 * measures read only these fields.
 */
import type { FieldDefinition, Template, TemplateDraft } from './templateSchema';
import { normalize } from './text';

export type { FieldDefinition, Template };

const NO = {
  id: 'no',
  width: 8,
  synonyms: ['Д/д', '№', 'Дугаар', 'д/д №', '№ д/д', 'Дэс дугаар'],
  exact: ['дд', 'д/д'],
};
const BUDGET = { id: 'budget', width: 12, synonyms: ['Төсөв', 'Төсөв /сая төгрөг/'] };
const BASELINE = {
  id: 'baseline',
  width: 30,
  synonyms: ['Суурь түвшин', 'Суурь үзүүлэлт'],
  exact: ['Суурь'],
};
const TARGET = {
  id: 'target',
  width: 32,
  synonyms: ['Зорилтот түвшин', 'Хүрэх түвшин', 'Зорилтот үзүүлэлт'],
  // In a report, the period under "Гүйцэтгэлийн түвшин" labels the target of that period.
  exact: [
    'Эхний хагас жил',
    'Жилийн эцэст',
    'I улирал',
    'II улирал',
    'III улирал',
    'IV улирал',
    'Хүрэх',
    'Зорилтот',
  ],
};
const ACHIEVED = {
  id: 'achieved',
  width: 45,
  synonyms: [
    'Хүрсэн түвшин',
    'Хүрсэн түвшин (биелэлт)',
    'Хүрсэн түвшин буюу хэрэгжилт',
    'Биелэлт',
    'Хэрэгжилт',
    'Хэрэгжилтийн явц',
    'Хэрэгжүүлсэн байдал',
  ],
  exact: ['Хүрсэн'],
};
const PERIOD = {
  id: 'period',
  width: 14,
  kind: 'period' as const,
  synonyms: ['Хугацаа', 'Эхэлсэн, дууссан хугацаа', 'Хэрэгжүүлэх хугацаа', 'Хэрэгжих хугацаа'],
};
const RESPONSIBLE = {
  id: 'responsible',
  width: 18,
  synonyms: ['Хариуцах нэгж', 'Хариуцагч', 'Хариуцах эзэн', 'Хариуцах'],
};
const PERCENT = {
  id: 'percent',
  width: 11,
  kind: 'percent' as const,
  synonyms: [
    'Гүйцэтгэлийн хувь',
    'Биелэлтийн хувь',
    'Хэрэгжилтийн хувь',
    'Биелэлт (хувь)',
    'Биелэлт, хувиар',
  ],
  exact: ['Хувь', '%'],
};
const SCORE = {
  id: 'score',
  width: 10,
  kind: 'percent' as const,
  synonyms: ['Үнэлгээ', 'Үнэлгээ (оноо)', 'Үнэлгээний оноо'],
  exact: ['Оноо'],
};
const ACTIVITY = {
  id: 'activity',
  width: 45,
  synonyms: [
    'Зорилтыг хэрэгжүүлэх арга хэмжээ',
    'Стратеги төлөвлөгөө',
    'бодлогын баримт бичиг',
    'Хэрэгжүүлэх арга хэмжээ',
    'Үйл ажиллагаа',
    'Арга хэмжээ',
    'Үйл ажиллагааны төлөвлөгөө',
  ],
};
const CRITERION = {
  id: 'criterion',
  width: 32,
  synonyms: [
    'Шалгуур үзүүлэлт',
    'Гүйцэтгэлийн шалгуур үзүүлэлт',
    'Хүрэх түвшин, үр дүнгийн үзүүлэлт',
    'Үр дүнгийн үзүүлэлт',
    'Шалгуур',
  ],
};

/**
 * What the product may do with a template's sheets: push it into a consolidation, compare it
 * as the plan or as the report, draft a report from it, draft next year's plan from it.
 */
export const ROLES = ['consolidate', 'compare-plan', 'compare-report', 'draft-report', 'draft-plan'] as const;
export type TemplateRole = (typeof ROLES)[number];

/** Identity that keeps each definition's `id` as a literal, so `TemplateId` is read off the list. */
function defineTemplates<const T extends TemplateDraft[]>(definitions: T): T {
  return definitions;
}

export const DEFINITIONS = defineTemplates([
  {
    id: 'performance-plan',
    name: { mn: 'Гүйцэтгэлийн төлөвлөгөө', en: 'Performance plan' },
    fields: [NO, ACTIVITY, BUDGET, CRITERION, BASELINE, TARGET, PERIOD, RESPONSIBLE],
    required: ['no', 'activity', 'criterion', 'target'],
    forbidden: ['achieved', 'percent', 'score'],
    rowRequired: ['activity', 'criterion', 'target'],
    kind: 'plan',
    roles: ['consolidate', 'compare-plan', 'draft-report', 'draft-plan'],
    priority: 2,
  },
  {
    id: 'performance-report',
    name: { mn: 'Гүйцэтгэлийн төлөвлөгөөний биелэлт', en: 'Performance report' },
    fields: [NO, ACTIVITY, BUDGET, CRITERION, BASELINE, TARGET, ACHIEVED, PERIOD, PERCENT, RESPONSIBLE],
    required: ['no', 'activity', 'target', 'achieved'],
    forbidden: ['score'],
    rowRequired: ['activity', 'achieved'],
    percentField: 'percent',
    overFulfilment: true,
    kind: 'report',
    roles: ['consolidate', 'compare-report', 'draft-plan'],
    priority: 1,
  },
  {
    id: 'program-evaluation',
    name: { mn: 'Хөтөлбөрийн арга хэмжээний үнэлгээ', en: 'Programme evaluation' },
    fields: [
      NO,
      {
        id: 'program',
        carry: true,
        synonyms: [
          'хөтөлбөрт тусгагдсан үйл ажиллагаа',
          'хөтөлбөрт тусгагдсан',
          'Хөтөлбөрийн зорилт',
          'Хөтөлбөрийн үйл ажиллагаа',
        ],
      },
      {
        ...ACTIVITY,
        synonyms: ['Хэрэгжүүлэх арга хэмжээ', 'Арга хэмжээ', 'Зорилтыг хэрэгжүүлэх арга хэмжээ'],
      },
      CRITERION,
      ACHIEVED,
      SCORE,
    ],
    required: ['activity', 'achieved', 'score'],
    rowRequired: ['activity'],
    percentField: 'score',
    measureParagraphs: true,
    kind: 'report',
    roles: ['consolidate', 'compare-report', 'draft-plan'],
    priority: 0,
  },
  {
    id: 'action-plan-status',
    name: { mn: 'Ажлын төлөвлөгөөний хэрэгжилт', en: 'Action plan status' },
    fields: [
      NO,
      { id: 'direction', synonyms: ['Арга хэмжээний чиглэл', 'Чиглэл'] },
      ACTIVITY,
      CRITERION,
      ACHIEVED,
      PERIOD,
      RESPONSIBLE,
    ],
    required: ['activity', 'criterion', 'achieved'],
    forbidden: ['target', 'percent', 'score'],
    rowRequired: ['activity'],
    kind: 'report',
    roles: ['consolidate', 'compare-report', 'draft-plan'],
    priority: 3,
  },
  {
    id: 'multi-year-plan',
    name: { mn: 'Хөтөлбөрийн үйл ажиллагааны төлөвлөгөө', en: 'Multi-year action plan' },
    fields: [
      NO,
      ACTIVITY,
      CRITERION,
      { id: 'levelCentral', kind: 'mark', exact: ['Төв'] },
      { id: 'levelCapital', kind: 'mark', exact: ['Нийслэл'] },
      { id: 'levelLocal', kind: 'mark', exact: ['Орон нутаг'] },
      { id: 'year:$1', kind: 'mark', pattern: '^((?:19|20)\\d{2})он[а-я]*$' },
      { id: 'result', synonyms: ['Үр дүн', 'Хүлээгдэж буй үр дүн'] },
      {
        id: 'funding',
        synonyms: ['Шаардагдах хөрөнгийн эх үүсвэр', 'Санхүүжилтийн эх үүсвэр', 'Хөрөнгийн эх үүсвэр'],
      },
      RESPONSIBLE,
    ],
    required: ['activity', 'year:*'],
    forbidden: ['achieved', 'percent', 'score', 'baseline'],
    rowRequired: ['activity'],
    kind: 'plan',
    roles: ['consolidate'],
    priority: 4,
  },
  {
    id: 'indicator-targets',
    name: { mn: 'Шалгуур үзүүлэлтийн зорилтот түвшин', en: 'Indicator targets' },
    fields: [
      NO,
      { ...CRITERION, synonyms: [...CRITERION.synonyms, 'Үзүүлэлт', 'Үзүүлэлтийн нэр'] },
      BASELINE,
      {
        id: 'year:$1',
        kind: 'number',
        pattern: '^((?:19|20)\\d{2})(?:он[а-я]*)?(?:зорилт[а-я]*)?(?:тувшин)?$',
      },
      { id: 'unitOfMeasure', synonyms: ['Хэмжих нэгж'] },
    ],
    required: ['criterion', 'baseline', 'year:*'],
    forbidden: ['achieved', 'activity'],
    rowRequired: ['criterion'],
    kind: 'plan',
    roles: ['consolidate'],
    priority: 4,
  },
  {
    id: 'receivables',
    name: { mn: 'Шимтгэлийн авлага', en: 'Contribution receivables' },
    fields: [
      NO,
      {
        id: 'unit',
        synonyms: ['Нэгжийн нэр', 'Хэлтэс, тасаг', 'Газар, хэлтэс'],
        exact: ['Нэгж', 'Хэлтэс', 'Тасаг'],
      },
      { id: 'opening', kind: 'amount', synonyms: ['Оны эхний авлага', 'Оны эхний үлдэгдэл'] },
      { id: 'collectedFull', kind: 'amount', synonyms: ['Бүрэн барагдуулсан'] },
      { id: 'collectedPartial', kind: 'amount', synonyms: ['Хэсэгчлэн барагдуулсан'] },
      { id: 'collected', kind: 'amount', synonyms: ['Нийт барагдуулсан'], exact: ['Барагдуулсан'] },
      { id: 'newArrears', kind: 'amount', synonyms: ['Шинээр үүссэн авлага', 'Шинээр үүссэн'] },
      { id: 'closing', kind: 'amount', synonyms: ['Эцсийн үлдэгдэл', 'Оны эцсийн авлага', 'Эцсийн авлага'] },
      { id: 'reductionTarget', kind: 'amount', synonyms: ['Бууруулах зорилт', 'Бууруулах зорилт (%)'] },
      { id: 'revenue', kind: 'amount', synonyms: ['Сангийн орлого'], exact: ['Орлого'] },
    ],
    required: ['unit', 'opening', { anyOf: [['collected'], ['collectedFull', 'collectedPartial']] }],
    rowRequired: [],
    debtTable: true,
    kind: 'report',
    roles: ['consolidate'],
    priority: 0,
  },
  {
    id: 'job-description',
    name: { mn: 'Албан тушаалын тодорхойлолт', en: 'Job description' },
    fields: [
      { id: 'goal', carry: true, synonyms: ['Албан тушаалын зорилт', 'Зорилтын хүрээнд'], exact: ['Зорилт'] },
      NO,
      {
        id: 'activity',
        width: 45,
        synonyms: ['Албан тушаалын гүйцэтгэх чиг үүрэг', 'Гүйцэтгэх чиг үүрэг', 'Чиг үүрэг'],
      },
      { id: 'criterion', width: 32, synonyms: ['Гүйцэтгэлийн шалгуур үзүүлэлт', 'Шалгуур үзүүлэлт'] },
      {
        id: 'responsibility',
        kind: 'codes',
        synonyms: ['Хариуцлага, оролцооны хэлбэр', 'Оролцооны хэлбэр', 'Хариуцлагын хэлбэр'],
      },
    ],
    required: ['activity', 'criterion', 'responsibility'],
    rowRequired: ['criterion', 'responsibility'],
    sectionRows: 'end',
    metaLabels: {
      unit: ['Нэгжийн нэр'],
      position: ['Албан тушаалын нэр'],
      year: ['Албан тушаалын тодорхойлолтыг баталсан огноо', 'Баталсан огноо'],
    },
    kind: null,
    roles: ['draft-plan'],
    priority: 0,
  },
  {
    // Statistics tables of programme documents: figures per year (or any numeric columns) under
    // a label column, with total rows whose stated figures are cross-checked (DESIGN.md section 14).
    id: 'statistics-table',
    name: { mn: 'Статистик хүснэгт', en: 'Statistics table' },
    fields: [
      NO,
      {
        id: 'label',
        synonyms: [
          'Үзүүлэлт',
          'Үзүүлэлтийн нэр',
          'Аймаг, дүүрэг',
          'Аймаг, нийслэл',
          'Салбар',
          'Ангилал',
          'Байгууллагын нэр',
        ],
        exact: ['Нэр', 'Төрөл', 'Аймаг', 'Дүүрэг'],
      },
      { id: 'unitOfMeasure', synonyms: ['Хэмжих нэгж'] },
      { id: 'year:$1', kind: 'number', pattern: '^((?:19|20)\\d{2})(?:он[а-я]*)?$' },
      { id: 'count', kind: 'number', synonyms: ['Тоо', 'Тоо хэмжээ', 'Хүний тоо'] },
      {
        id: 'amount',
        kind: 'number',
        synonyms: ['Мөнгөн дүн', 'Дүн (сая төгрөг)', 'Дүн /сая төгрөг/'],
        exact: ['Дүн'],
      },
      { id: 'share', kind: 'number', exact: ['Хувь', 'Эзлэх хувь', '%'] },
    ],
    required: ['label', { anyOf: [['year:*'], ['count', 'amount']] }],
    forbidden: ['achieved', 'activity', 'baseline', 'percent', 'score', 'opening'],
    priority: 6,
    statistics: true,
  },
]);

export type TemplateId = (typeof DEFINITIONS)[number]['id'];
export const TEMPLATE_IDS = DEFINITIONS.map((d) => d.id) as [TemplateId, ...TemplateId[]];

/** The defaults of a definition's optional keys, written once: the zod schema and `withDefaults` both read them. */
export const TEMPLATE_DEFAULTS = {
  forbidden: [] as string[],
  rowRequired: [] as string[],
  percentField: null as string | null,
  overFulfilment: false,
  kind: null as 'plan' | 'report' | null,
  debtTable: false,
  sectionRows: 'group' as 'group' | 'end',
  metaLabels: {} as { unit?: string[]; position?: string[]; year?: string[] },
  roles: [] as TemplateRole[],
  measureParagraphs: false,
  statistics: false,
  priority: 5,
};
export const FIELD_DEFAULTS = {
  kind: 'text' as 'text' | 'number' | 'amount' | 'percent' | 'period' | 'codes' | 'mark',
  synonyms: [] as string[],
  exact: [] as string[],
  carry: false,
};

/**
 * The definitions with their defaults filled in. The task pane does not carry zod: the tests
 * check that TemplateSchema accepts every definition and gives exactly these values.
 */
export function withDefaults(d: TemplateDraft): Template {
  return {
    ...TEMPLATE_DEFAULTS,
    ...d,
    id: d.id as TemplateId,
    fields: d.fields.map((f) => ({ ...FIELD_DEFAULTS, ...f })),
  };
}

export const TEMPLATES: Template[] = DEFINITIONS.map(withDefaults);

export function templateById(id: TemplateId): Template {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown template ${id}`);
  return t;
}

/** The templates that may play `role`, in definition order. */
export function templatesWithRole(role: TemplateRole): TemplateId[] {
  return TEMPLATES.filter((t) => t.roles.includes(role)).map((t) => t.id);
}

/** Whether a sheet of `template` (null: unrecognized) may play `role`. */
export function hasRole(template: TemplateId | null, role: TemplateRole): boolean {
  return template !== null && templateById(template).roles.includes(role);
}

/** A label matcher compiled from every template's fields. */
export interface CompiledField {
  template: TemplateId;
  def: FieldDefinition;
  synonyms: string[];
  exact: Set<string>;
  pattern: RegExp | null;
}

export const COMPILED: Map<TemplateId, CompiledField[]> = new Map(
  TEMPLATES.map((t) => [
    t.id,
    t.fields.map((def) => ({
      template: t.id,
      def,
      synonyms: def.synonyms.map(normalize).filter(Boolean),
      exact: new Set([...def.exact, ...def.synonyms].map(normalize).filter(Boolean)),
      pattern: def.pattern ? new RegExp(def.pattern) : null,
    })),
  ]),
);

/** Every exact normalized label of every template, for a quick header pre-filter. */
export const EXACT_LABELS: Set<string> = new Set(
  [...COMPILED.values()].flatMap((fields) => fields.flatMap((f) => [...f.exact])),
);

/**
 * How well a normalized label names a field: 0 for no match. Exact equality beats a
 * contained synonym, and a longer contained synonym beats a shorter one, so
 * "Хүрэх түвшин, үр дүнгийн үзүүлэлт" is a criterion, not a target.
 */
export function labelScore(label: string, field: CompiledField): { score: number; id: string } {
  if (!label) return { score: 0, id: field.def.id };
  if (field.pattern) {
    const m = field.pattern.exec(label);
    return m
      ? { score: 1000 + label.length, id: field.def.id.replace('$1', m[1]) }
      : { score: 0, id: field.def.id };
  }
  if (field.exact.has(label)) return { score: 1000 + label.length, id: field.def.id };
  let best = 0;
  for (const syn of field.synonyms) {
    if (syn.length >= 4 && label.includes(syn)) best = Math.max(best, syn.length * 2);
    else if (label.length >= 4 && syn.includes(label) && label.length >= syn.length * 0.6)
      best = Math.max(best, label.length);
    else if (
      label.length >= 8 &&
      syn.length >= 8 &&
      Math.abs(label.length - syn.length) <= 2 &&
      editDistanceAtMost(label, syn, 2)
    )
      best = Math.max(best, syn.length);
  }
  return { score: best, id: field.def.id };
}

/** Levenshtein distance ≤ k, for typing slips in labels: only the diagonal band |i − j| ≤ k is computed. */
function editDistanceAtMost(a: string, b: string, k: number): boolean {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > k) return false;
  const far = k + 1; // any distance above k
  let prev = new Array<number>(m + 1).fill(far);
  let cur = new Array<number>(m + 1).fill(far);
  for (let j = 0; j <= Math.min(m, k); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur[lo - 1] = i <= k ? i : far;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v > far ? far : v;
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (hi < m) cur[hi + 1] = far;
    if (rowMin > k) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[m] <= k;
}
