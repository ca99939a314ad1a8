// The written decision rule for data-error thresholds (docs/evidence.md). Pure.
//
// A sample decides a threshold only when its one-sided Wilson bounds (confidence configurable,
// default 95 %) are on one side of it: `above` when the lower bound is above the threshold,
// `not-above` when the upper bound is at or below it (the mirror rule, used for recovery), otherwise
// `undetermined`. A census (every record of the truth checked) is exact: the rate itself is compared,
// strictly as in the table ("over 0.1 %" excludes exactly 0.1 %).
import type { Comparison } from '../rules/ruleset-schema.ts';
import type { EvidenceVerdict } from '../snapshot.ts';
import { wilsonBounds, type Bounds } from './wilson.ts';

export const DEFAULT_CONFIDENCE = 0.95;

/** Three-valued truth (Kleene): all = min, any = max, not = 1 − x. */
export type Truth = 0 | 0.5 | 1;
export const FAILS: Truth = 0;
export const UNDETERMINED: Truth = 0.5;
export const HOLDS: Truth = 1;

/** Checks behind a rate: records compared with the truth, how many were wrong, whether it was a census. */
export interface Evidence { checked: number; errors: number; census: boolean }

/** Evidence with its bounds (a census: both equal to the rate). */
export interface Reading extends Evidence, Bounds {}

export function readEvidence(e: Evidence, confidence: number = DEFAULT_CONFIDENCE): Reading {
  if (e.census && e.checked > 0) {
    const rate = e.errors / e.checked;
    return { ...e, lower: rate, upper: rate };
  }
  return { ...e, census: false, ...wilsonBounds(e.errors, e.checked, confidence) };
}

/**
 * Does a comparison hold for a quantity known to lie in [lower, upper]? HOLDS when it holds for
 * every value there, FAILS when for none, otherwise UNDETERMINED. Equal bounds give the exact answer.
 */
export function compareInterval(lower: number, upper: number, cmp: Comparison): Truth {
  // The set where cmp holds is an interval: intersect it with [lower, upper].
  let from = lower;
  let fromIncluded = true;
  let to = upper;
  let toIncluded = true;
  const raise = (v: number, included: boolean) => {
    if (v > from) { from = v; fromIncluded = included; } else if (v === from && !included) fromIncluded = false;
  };
  const cut = (v: number, included: boolean) => {
    if (v < to) { to = v; toIncluded = included; } else if (v === to && !included) toIncluded = false;
  };
  if (cmp.gt !== undefined) raise(cmp.gt, false);
  if (cmp.gte !== undefined) raise(cmp.gte, true);
  if (cmp.eq !== undefined) { raise(cmp.eq, true); cut(cmp.eq, true); }
  if (cmp.lt !== undefined) cut(cmp.lt, false);
  if (cmp.lte !== undefined) cut(cmp.lte, true);
  const meets = from < to || (from === to && fromIncluded && toIncluded);
  if (!meets) return FAILS;
  const all = from === lower && fromIncluded && to === upper && toIncluded;
  return all ? HOLDS : UNDETERMINED;
}

/** The verdict on "rate over threshold" (strict, as in the table). */
export function verdictOn(reading: Bounds, threshold: number): EvidenceVerdict {
  const t = compareInterval(reading.lower, reading.upper, { gt: threshold });
  return t === HOLDS ? 'above' : t === FAILS ? 'not-above' : 'undetermined';
}

/** The verdict from raw counts: the rule in one call. */
export function decide(e: Evidence, threshold: number, confidence: number = DEFAULT_CONFIDENCE): EvidenceVerdict {
  return verdictOn(readEvidence(e, confidence), threshold);
}
