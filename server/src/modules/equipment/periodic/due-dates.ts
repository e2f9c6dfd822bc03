import { parseDate } from '../../../platform/calendar/dates.js';
import type { PeriodicKind } from './periodic.schema.js';

/**
 * Due-date arithmetic of periodic inspection, on 'YYYY-MM-DD' strings (no time zone can shift a
 * day). Pure functions: the rules come from the `equipment_due_rules` table.
 */

/**
 * `date` plus `months` calendar months. A day the target month lacks becomes its last day:
 * 2024-02-29 + 12 months → 2025-02-28, 2026-01-31 + 1 month → 2026-02-28.
 */
export function addMonths(date: string, months: number): string {
  const d = parseDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type DueBasis = 'periodic' | 'first';

/** A due rule as the matcher needs it. */
export interface DueRuleLike {
  id: string;
  category: string;
  subcategory: string | null;
  kind: PeriodicKind | null;
  safetyGrade: number | null;
  basis: DueBasis;
  /** 0: the unit gets no due date (e.g. a pressure vessel of safety grade 5 must not be used). */
  intervalMonths: number;
}

/** What of a unit the rules look at. */
export interface UnitFacts {
  category: string;
  subcategory: string | null;
  safetyGrade: number | null;
}

/** How specific a rule is: a subcategory weighs more than a kind, a kind more than a safety grade. */
export const specificity = (r: Pick<DueRuleLike, 'subcategory' | 'kind' | 'safetyGrade'>) => (r.subcategory !== null ? 4 : 0) + (r.kind !== null ? 2 : 0) + (r.safetyGrade !== null ? 1 : 0);

/**
 * The rule for a unit: the most specific of those of its category and basis whose every set
 * field (subcategory, kind, safety grade) equals the unit's (and the inspection's kind); null when
 * none matches. `first` rules take no kind.
 */
export function matchRule<R extends DueRuleLike>(rules: readonly R[], unit: UnitFacts, basis: DueBasis, kind: PeriodicKind | null = null): R | null {
  let best: R | null = null;
  for (const r of rules) {
    if (r.basis !== basis || r.category !== unit.category) continue;
    if (r.subcategory !== null && r.subcategory !== unit.subcategory) continue;
    if (r.kind !== null && r.kind !== kind) continue;
    if (r.safetyGrade !== null && r.safetyGrade !== unit.safetyGrade) continue;
    if (!best || specificity(r) > specificity(best)) best = r;
  }
  return best;
}

/** The due date a rule gives from `from` (an inspection's date, or the put-into-service date); null for a 0-month rule. */
export const dueFrom = (rule: Pick<DueRuleLike, 'intervalMonths'>, from: string): string | null => (rule.intervalMonths > 0 ? addMonths(from, rule.intervalMonths) : null);

/** Overdue: today (China time) is after the due date; on the due day itself a unit is not overdue. */
export const isOverdue = (nextInspectionDue: string | null, today: string) => nextInspectionDue !== null && today > nextInspectionDue;
