/** The `check --json` document (DESIGN.md section 10) and its zod schema. */
import { z } from 'zod';
import type { SheetAnalysis } from './model';

const nullableNumber = z.number().nullable();

export const IssueJson = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  row: z.number().int().positive().nullable(),
  column: z
    .string()
    .regex(/^[A-Z]+$/)
    .nullable(),
  message: z.string().min(1),
  messageEn: z.string().min(1),
});

const Buckets = z.object({
  '100': z.number().int(),
  '70': z.number().int(),
  '30': z.number().int(),
  '0': z.number().int(),
  '-': z.number().int(),
});

export const SheetJson = z.object({
  sheet: z.string(),
  template: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  meta: z.object({
    year: z.number().int().nullable(),
    period: z.enum(['H1', 'FY', 'Q1', 'Q2', 'Q3', 'Q4']).nullable(),
    kind: z.enum(['plan', 'report']).nullable(),
    person: z.string().nullable(),
    unit: z.string().nullable(),
    position: z.string().nullable().optional(),
  }),
  tables: z.array(
    z.object({ headerRow: z.number().int().positive(), columns: z.record(z.string(), z.string()) }),
  ),
  activities: z.array(
    z.object({
      row: z.number().int().positive(),
      no: z.string().nullable(),
      section: z.string().nullable(),
      goal: z.string().nullable(),
      percent: nullableNumber,
      percentSource: z.enum(['entered', 'computed']).nullable(),
      period: z.union([
        z.null(),
        z.object({ start: z.string().nullable(), end: z.string().nullable() }),
        z.object({ text: z.string() }),
      ]),
    }),
  ),
  summary: z.object({
    activities: z.number().int(),
    assessed: z.number().int(),
    average: nullableNumber,
    buckets: Buckets,
    goals: z.array(
      z.object({
        title: z.string(),
        activities: z.number().int(),
        assessed: z.number().int(),
        average: nullableNumber,
      }),
    ),
  }),
  debt: z.array(
    z.object({
      row: z.number().int().positive(),
      source: z.enum(['narrative', 'table']),
      unit: z.string().nullable(),
      opening: nullableNumber,
      collected: nullableNumber,
      collectedFull: nullableNumber,
      collectedPartial: nullableNumber,
      newArrears: nullableNumber,
      closing: nullableNumber,
      collectionRatio: nullableNumber,
      reductionRatio: nullableNumber,
      receivablesShare: nullableNumber,
      target: nullableNumber,
      met: z.boolean().nullable(),
    }),
  ),
  issues: z.array(IssueJson),
});

export const CheckJson = z.object({
  version: z.literal(1),
  files: z.array(
    z.object({
      file: z.string(),
      error: z.string().optional(),
      sheets: z.array(SheetJson),
    }),
  ),
});

export type CheckDocument = z.infer<typeof CheckJson>;
export type SheetDocument = z.infer<typeof SheetJson>;

export function sheetJson(a: SheetAnalysis): SheetDocument {
  return {
    sheet: a.sheet,
    template: a.template,
    confidence: a.confidence,
    meta: {
      year: a.meta.year,
      period: a.meta.period,
      kind: a.meta.kind,
      person: a.meta.person,
      unit: a.meta.unit,
      ...(a.meta.position !== undefined ? { position: a.meta.position } : {}),
    },
    tables: a.tables.map((t) => ({ headerRow: t.headerRow, columns: t.columns })),
    activities: a.activities.map((x) => ({
      row: x.row,
      no: x.no,
      section: x.section,
      goal: x.goal,
      percent: x.percent,
      percentSource: x.percentSource,
      period: x.period,
    })),
    summary: {
      activities: a.summary.activities,
      assessed: a.summary.assessed,
      average: a.summary.average,
      buckets: a.summary.buckets,
      goals: a.summary.goals.map((g) => ({
        title: g.title,
        activities: g.activities,
        assessed: g.assessed,
        average: g.average,
      })),
    },
    debt: a.debt.map((d) => ({
      row: d.row,
      source: d.source,
      unit: d.unit,
      opening: d.opening,
      collected: d.collected,
      collectedFull: d.collectedFull,
      collectedPartial: d.collectedPartial,
      newArrears: d.newArrears,
      closing: d.closing,
      collectionRatio: d.collectionRatio,
      reductionRatio: d.reductionRatio,
      receivablesShare: d.receivablesShare,
      target: d.target,
      met: d.met,
    })),
    issues: a.issues.map((i) => ({
      code: i.code,
      severity: i.severity,
      row: i.row,
      column: i.column,
      message: i.message,
      messageEn: i.messageEn,
    })),
  };
}
