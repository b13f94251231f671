/**
 * The zod schema of a template definition (DESIGN.md section 4). Templates are data: the
 * tests and the command line validate every definition against this schema.
 */
import * as z from 'zod/mini';
import { FIELD_DEFAULTS, ROLES, TEMPLATE_DEFAULTS, TEMPLATE_IDS } from './templates';

const FieldKind = z.enum([
  'text',
  'number',
  'amount',
  'percent',
  'period',
  'codes',
  'mark',
] satisfies (typeof FIELD_DEFAULTS.kind)[]);
const nonEmpty = () => z.string().check(z.minLength(1));

const FieldDef = z.object({
  id: nonEmpty(),
  kind: z._default(FieldKind, FIELD_DEFAULTS.kind),
  /** Labels as written in real files; matched after normalization. */
  synonyms: z._default(z.array(nonEmpty()), FIELD_DEFAULTS.synonyms),
  /** Labels matched only when the whole label equals them (short or generic words). */
  exact: z._default(z.array(nonEmpty()), FIELD_DEFAULTS.exact),
  /** Regular expression on the normalized label; `$1` in `id` takes the first group (year columns). */
  pattern: z.optional(z.string()),
  /** Column width in characters when the report is formatted (text wide, numbers narrow). */
  width: z.optional(z.number().check(z.positive())),
  /** A group value written once and valid for the rows below it until the next one (job goal, programme). */
  carry: z._default(z.boolean(), FIELD_DEFAULTS.carry),
});

const Requirement = z.union([
  z.string(),
  z.object({ anyOf: z.array(z.array(z.string())).check(z.minLength(1)) }),
]);

const D = TEMPLATE_DEFAULTS;

/** A definition as written: any id (the ids are read off the definitions themselves). */
const DraftSchema = z.object({
  id: nonEmpty(),
  name: z.object({ mn: z.string(), en: z.string() }),
  fields: z.array(FieldDef).check(z.minLength(2)),
  /** A field id, `prefix:*` for any field with that prefix, or { anyOf } alternatives. */
  required: z.array(Requirement).check(z.minLength(1)),
  /** Fields whose presence rules the template out (a plan has no achieved column). */
  forbidden: z._default(z.array(z.string()), D.forbidden),
  /** Fields that must be filled on every activity row (MISSING_REQUIRED). */
  rowRequired: z._default(z.array(z.string()), D.rowRequired),
  /** The field holding the row's completion: percent or score. */
  percentField: z._default(z.nullable(z.string()), D.percentField),
  /** Above 100 is a warning, not an error. */
  overFulfilment: z._default(z.boolean(), D.overFulfilment),
  /** Document kind when the title does not say. */
  kind: z._default(z.nullable(z.enum(['plan', 'report'])), D.kind),
  /** Each paragraph (pasted row) of the activity column is a measure of its own, under a number merged over them. */
  measureParagraphs: z._default(z.boolean(), D.measureParagraphs),
  /** Rows are figures under labels (no activities); stated totals are checked against their columns. */
  statistics: z._default(z.boolean(), D.statistics),
  /** Rows are debt figures per unit, not activities. */
  debtTable: z._default(z.boolean(), D.debtTable),
  /** A section heading inside the table groups activities, or ends the table (a job description's part III). */
  sectionRows: z._default(z.enum(['group', 'end']), D.sectionRows),
  /** Metadata written as `label: value` pairs above the header (job descriptions). */
  metaLabels: z._default(
    z.object({
      unit: z.optional(z.array(z.string())),
      position: z.optional(z.array(z.string())),
      year: z.optional(z.array(z.string())),
    }),
    D.metaLabels,
  ),
  /** What the product may do with the template's sheets (see ROLES in templates.ts). */
  roles: z._default(z.array(z.enum(ROLES)), D.roles),
  /** Tie-break order: lower wins when two templates explain a header equally well. */
  priority: z._default(z.int(), D.priority),
});

/** A definition whose id is one of the definitions' own. */
export const TemplateSchema = z.extend(DraftSchema, { id: z.enum(TEMPLATE_IDS) });

export type Template = z.infer<typeof TemplateSchema>;
export type FieldDefinition = z.infer<typeof FieldDef>;
export type TemplateDraft = z.input<typeof DraftSchema>;
