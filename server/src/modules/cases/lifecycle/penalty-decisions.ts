import { type SQL, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type PenaltyType, cases } from '../cases.schema.js';

/**
 * Penalty facts of one case for the credit module's dishonest list (no data scope: the caller
 * checks its own): a listing's case, whether its money is paid. Money in yuan.
 */
export async function penaltyDecisions(tx: Db, filter: { caseId: string }) {
  return tx
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      uscc: cases.uscc,
      stage: cases.stage,
      decidedOn: cases.decidedOn,
      documentNo: cases.documentNo,
      penalties: cases.penalties,
      amountDue: cases.amountDue,
      amountPaid: cases.amountPaid,
      paidOn: cases.paidOn,
    })
    .from(cases)
    .where(eq(cases.id, filter.caseId))
    .orderBy(cases.decidedOn, cases.id);
}

/**
 * SQL for the credit module (which decisions are 较重): a subquery of the ids, as text — a
 * `case.penalty` credit event's `ref_id` — of the decided cases whose decision includes a penalty
 * of one of `types` (e.g. revocation, suspension), whatever its amount.
 */
export function decidedCasesWithPenaltyTypes(types: readonly PenaltyType[]): SQL {
  const any = sql.join(
    types.map((t) => sql`${cases.penalties} @> ${JSON.stringify([{ type: t }])}::jsonb`),
    sql` or `,
  );
  return sql`(select ${cases.id}::text from ${cases} where ${cases.decidedOn} is not null and (${any}))`;
}
