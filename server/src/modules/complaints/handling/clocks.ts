import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { complaintDeadlines, type DeadlineKind } from '../complaints.schema.js';

/**
 * The legal clocks in working days (FACTS.md, 市场监督管理投诉举报处理暂行办法): decide on a
 * complaint within 7 (§14), mediation ends at 45 after acceptance (§21), a report's lead is
 * verified within 15, +15 with approval (§23), a named reporter told within 5 of the decision (§31).
 */
export const CLOCK_DAYS: Record<DeadlineKind, number> = { accept: 7, mediation: 45, verify: 15, notify: 5 };
export const VERIFY_EXTENSION_DAYS = 15;
/** A clock this many working days or fewer from its due date is "near" (flagged as a to-do). */
export const NEAR_WORKING_DAYS = 2;

/** Starts, meets, extends and cancels an item's clocks, inside the caller's transaction. */
export function makeClocks(deps: { calendar: CalendarService }) {
  const { calendar } = deps;
  return {
    /** Starts `kind` counting from `from` (the day itself not counted); a clock already there is left as it is. */
    async start(tx: Db, complaintId: string, kind: DeadlineKind, from: string) {
      const workingDays = CLOCK_DAYS[kind];
      const due = await calendar.addWorkingDays(from, workingDays, tx);
      await tx
        .insert(complaintDeadlines)
        .values({ complaintId, kind, startedOn: from, workingDays, dueOn: due.date, dueCertain: due.certain })
        .onConflictDoNothing();
    },
    /** The clock is done with on `on` (met when on or before its due date). */
    async meet(tx: Db, complaintId: string, kind: DeadlineKind, on: string) {
      await tx
        .update(complaintDeadlines)
        .set({ metOn: on })
        .where(and(eq(complaintDeadlines.complaintId, complaintId), eq(complaintDeadlines.kind, kind), isNull(complaintDeadlines.metOn), isNull(complaintDeadlines.cancelledOn)));
    },
    /** The clock no longer applies (e.g. the item was refused or re-classified). */
    async cancel(tx: Db, complaintId: string, kind: DeadlineKind, on: string) {
      await tx
        .update(complaintDeadlines)
        .set({ cancelledOn: on })
        .where(and(eq(complaintDeadlines.complaintId, complaintId), eq(complaintDeadlines.kind, kind), isNull(complaintDeadlines.metOn), isNull(complaintDeadlines.cancelledOn)));
    },
    /** Adds `days` working days to an open clock (once); false when there is none or it was extended already. */
    async extend(tx: Db, complaintId: string, kind: DeadlineKind, days: number, byId: string) {
      const [clock] = await tx
        .select()
        .from(complaintDeadlines)
        .where(and(eq(complaintDeadlines.complaintId, complaintId), eq(complaintDeadlines.kind, kind)))
        .for('update');
      if (!clock || clock.extended || clock.metOn || clock.cancelledOn) return false;
      const due = await calendar.addWorkingDays(clock.dueOn, days, tx);
      await tx
        .update(complaintDeadlines)
        .set({ dueOn: due.date, dueCertain: clock.dueCertain && due.certain, workingDays: clock.workingDays + days, extended: true, extendedById: byId })
        .where(eq(complaintDeadlines.id, clock.id));
      return true;
    },
    /** The item's clocks, in the order they start. */
    async of(tx: Db, complaintId: string) {
      const rows = await tx.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, complaintId));
      const order: DeadlineKind[] = ['accept', 'verify', 'mediation', 'notify'];
      return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    },
  };
}

export type Clocks = ReturnType<typeof makeClocks>;
