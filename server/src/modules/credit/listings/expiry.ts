import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { inTransaction } from '../../../db/sql.js';
import { type RequestContext, systemContext } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import type { CreditPartDeps } from '../credit.deps.js';
import { creditListings } from '../credit.schema.js';
import { DECISION_TODO, decisionTodo, recordStep } from './steps.js';

/**
 * The daily job `credit.listing-expiry` (and at start): removes every listing whose period ended
 * before `today` (`removed`, `expired`, `removedOn` = the day after `until`, its first day off the
 * list), rescoring those enterprises (`unlisted`); and keeps the decision to-dos: one per noticed
 * listing that the enterprise answered or whose answer period ended. One transaction.
 */
export function makeListingExpiry(deps: CreditPartDeps) {
  const { db, audit, todos, jurisdiction, model } = deps;
  return async function expireDue(ctx: RequestContext = systemContext(), today = todayInChina()) {
    return inTransaction(db, async (tx) => {
      const due = await tx
        .select()
        .from(creditListings)
        .where(and(eq(creditListings.status, 'listed'), lt(creditListings.until, today)))
        .orderBy(creditListings.until, creditListings.id)
        .for('update', { skipLocked: true });
      for (const row of due) {
        await recordStep(tx, audit, ctx, row, { action: 'expired', to: 'removed', set: { removedOn: addDays(row.until!, 1), removalKind: 'expired' }, note: `列入期限已于 ${row.until} 届满` });
      }
      if (due.length) await model.rescore(tx, [...new Set(due.map((r) => r.enterpriseId))], 'unlisted');
      const ready = await tx
        .select()
        .from(creditListings)
        .where(and(eq(creditListings.status, 'noticed'), or(isNotNull(creditListings.answer), lt(creditListings.answerDue, today))))
        .orderBy(creditListings.id);
      const bureauOf = jurisdiction.competentBureauIds(tx);
      const wanted = await Promise.all(ready.map(async (r) => decisionTodo(r, await bureauOf(r.regionCode))));
      const synced = await todos.sync(tx, DECISION_TODO, wanted);
      return { expired: due.length, todos: synced };
    });
  };
}
