import type { CaseRules } from '../../../config.js';
import type { Db } from '../../../db/client.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { addDays } from '../../../platform/calendar/dates.js';
import type { CaseStage } from '../cases.schema.js';
import type { CaseRow } from './actions.js';

/** A deadline as counted: `certain` is false when working days were counted over a year without holiday data. */
export interface Due {
  date: string;
  certain: boolean;
}

/** The stages in which the decision clock runs (opened, not yet decided). */
export const DECISION_STAGES: readonly CaseStage[] = ['investigating', 'reviewing', 'notified', 'hearing'];

/** A deadline this many working days or fewer from today is "near" (a to-do). */
export const NEAR_WORKING_DAYS = 3;

/** A seizure or sealing ending within this many calendar days is "expiring" (a to-do). */
export const MEASURE_NEAR_DAYS = 3;

/** The longest seizure or sealing (行政强制法 §25: 30 days; the extension is a new measure). */
export const MEASURE_MAX_DAYS = 30;

/**
 * The case's legal clocks (README): the lead's decision in working days from the day it was found
 * (15, +15 once), the decision in calendar days from opening (90, +30 once), the party's defence
 * in working days from the notice (5). The day itself is not counted.
 */
export function makeCaseClocks(deps: { calendar: CalendarService; rules: CaseRules }) {
  const { calendar, rules } = deps;
  return {
    leadDue: (tx: Db, foundOn: string): Promise<Due> => calendar.addWorkingDays(foundOn, rules.leadWorkingDays, tx),
    async leadExtended(tx: Db, c: Pick<CaseRow, 'leadDueOn' | 'leadDueCertain'>): Promise<Due> {
      const due = await calendar.addWorkingDays(c.leadDueOn, rules.leadExtensionWorkingDays, tx);
      return { date: due.date, certain: c.leadDueCertain && due.certain };
    },
    decisionDue: (openedOn: string): Due => ({ date: addDays(openedOn, rules.decisionDays), certain: true }),
    decisionExtended: (c: Pick<CaseRow, 'decisionDueOn' | 'decisionDueCertain'>): Due => ({ date: addDays(c.decisionDueOn!, rules.decisionExtensionDays), certain: c.decisionDueCertain }),
    defenceDue: (tx: Db, notifiedOn: string): Promise<Due> => calendar.addWorkingDays(notifiedOn, rules.defenceWorkingDays, tx),
  };
}

export type CaseClocks = ReturnType<typeof makeCaseClocks>;

/** Whether the lead or the decision deadline has passed while it still runs. */
export function isOverdue(c: Pick<CaseRow, 'stage' | 'leadDueOn' | 'decisionDueOn'>, today: string): boolean {
  if (c.stage === 'lead') return c.leadDueOn < today;
  if (DECISION_STAGES.includes(c.stage)) return c.decisionDueOn !== null && c.decisionDueOn < today;
  return false;
}

/** The running deadline shown in lists: the lead's in stage `lead`, the decision's while it runs; else null. */
export function nextDueOn(c: Pick<CaseRow, 'stage' | 'leadDueOn' | 'decisionDueOn'>): string | null {
  if (c.stage === 'lead') return c.leadDueOn;
  if (DECISION_STAGES.includes(c.stage)) return c.decisionDueOn;
  return null;
}

/** The Case view's `deadlines`. */
export function deadlinesOf(c: CaseRow, today: string) {
  return {
    lead: { dueOn: c.leadDueOn, certain: c.leadDueCertain, extended: c.leadExtended },
    ...(c.decisionDueOn ? { decision: { dueOn: c.decisionDueOn, certain: c.decisionDueCertain, extended: c.decisionExtended } } : {}),
    ...(c.defenceDueOn ? { defence: { dueOn: c.defenceDueOn, certain: c.defenceDueCertain } } : {}),
    overdue: isOverdue(c, today),
  };
}
