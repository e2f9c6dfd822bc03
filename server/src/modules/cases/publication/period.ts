import type { CaseRules } from '../../../config.js';
import { parseDate } from '../../../platform/calendar/dates.js';
import type { Penalty, PenaltyType } from '../cases.schema.js';

/**
 * `months` calendar months after a 'YYYY-MM-DD' date: the same day of the month, or the month's
 * last day when it has no such day (2026-11-30 + 3 → 2027-02-28; 2028-02-29 + 12 → 2029-02-28).
 */
export function addMonths(s: string, months: number): string {
  const d = parseDate(s);
  if (!d || !Number.isInteger(months)) throw new Error(`addMonths: bad input ${s}, ${months}`);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The public period's lengths in months (SAMR Order 45 §13): 3 months, 3 years. */
export const SHORT_MONTHS = 3;
export const LONG_MONTHS = 36;

/**
 * Penalties whose decision may have the short period (with the fine at most `lowFineYuan`): the
 * issue's and §13's "only 通报批评 or a low fine". A warning is not among them: a decision with a
 * warning, when published at all (`publishWarnings`), is public for 3 years.
 */
const LIGHT: ReadonlySet<PenaltyType> = new Set(['criticism', 'fine']);

export const penaltyTypesOf = (penalties: readonly Penalty[] | null | undefined): PenaltyType[] => [...new Set((penalties ?? []).map((p) => p.type))];

/** A decision of a warning alone (no other penalty type). */
export const warningOnly = (penalties: readonly Penalty[] | null | undefined): boolean => {
  const types = penaltyTypesOf(penalties);
  return types.length > 0 && types.every((t) => t === 'warning');
};

/**
 * `short` (3 months) for a decision of only 通报批评 and/or a fine of at most `rules.lowFineYuan`
 * yuan (the fines of the decision summed); `long` (3 years) otherwise (a warning included).
 */
export function periodOf(penalties: readonly Penalty[] | null | undefined, rules: Pick<CaseRules, 'lowFineYuan'>): 'short' | 'long' {
  const list = penalties ?? [];
  if (list.length === 0 || !list.every((p) => LIGHT.has(p.type))) return 'long';
  const fine = list.filter((p) => p.type === 'fine').reduce((sum, p) => sum + Number(p.amount ?? 0), 0);
  return fine <= rules.lowFineYuan ? 'short' : 'long';
}

/** The last day a publication is public: `publishedOn` + 3 months or + 3 years (calendar-wise). */
export const publicUntilOf = (publishedOn: string, period: 'short' | 'long') => addMonths(publishedOn, period === 'short' ? SHORT_MONTHS : LONG_MONTHS);
