/**
 * The catalogue of checks: one module per issue code (DESIGN.md section 7; its table is
 * copied in docs/issue-codes.md). The engines run the checks in this order, and issues of
 * one severity in one cell are listed in it.
 */
import type { Check } from './check';
import { debtBalanceMismatch } from './debtBalanceMismatch';
import { debtNoOpening } from './debtNoOpening';
import { debtSumMismatch } from './debtSumMismatch';
import { formulaError } from './formulaError';
import { missingRequired } from './missingRequired';
import { numberAmbiguous } from './numberAmbiguous';
import { numberAsText } from './numberAsText';
import { numberingDuplicate } from './numberingDuplicate';
import { percentInvalid } from './percentInvalid';
import { percentMissing } from './percentMissing';
import { percentSuspicious } from './percentSuspicious';
import { periodInvalid } from './periodInvalid';
import { periodInverted } from './periodInverted';
import { periodOutsideYear } from './periodOutsideYear';
import { planActivityMissing } from './planActivityMissing';
import { reportActivityUnplanned } from './reportActivityUnplanned';
import { responsibilityInvalid } from './responsibilityInvalid';
import { statedPercentMismatch } from './statedPercentMismatch';
import { statedTotalMismatch } from './statedTotalMismatch';
import { targetChanged } from './targetChanged';
import { targetNotMet } from './targetNotMet';
import { unrecognizedSheet } from './unrecognizedSheet';

export const CATALOGUE = [
  unrecognizedSheet,
  numberAsText,
  numberAmbiguous,
  debtSumMismatch,
  debtBalanceMismatch,
  debtNoOpening,
  targetNotMet,
  percentInvalid,
  percentMissing,
  missingRequired,
  numberingDuplicate,
  periodInvalid,
  periodInverted,
  periodOutsideYear,
  responsibilityInvalid,
  statedPercentMismatch,
  percentSuspicious,
  statedTotalMismatch,
  formulaError,
  targetChanged,
  planActivityMissing,
  reportActivityUnplanned,
] as const;

type Entry = (typeof CATALOGUE)[number];

export type IssueCode = Entry['code'];

/** The params of each issue code: the values its messages insert. */
export type IssueParams = { [E in Entry as E['code']]: E extends Check<string, infer P> ? P : never };
