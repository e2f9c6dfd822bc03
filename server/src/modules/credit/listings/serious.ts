import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type PenaltyType, decidedCasesWithPenaltyTypes } from '../../cases/index.js';
import { creditEventsSql } from '../events/credit-events.js';

/**
 * What makes a penalty 较重 (serious) — one definition for the listing rule `serious_penalty`
 * (rules.ts) and credit repair's `no_new_violation` (repair-conditions.ts; SAMR's credit-repair
 * rules: no 较重 penalty received again). Over the credit events (`../events/`), a record is
 * serious when it is
 * - a licence revoked (`licence.revoked`, 吊销), or
 * - a penalty decision (`case.penalty`) that revokes a licence or orders production or business
 *   suspended (责令停产停业), or whose fines plus confiscated amounts (its magnitude) reach
 *   `thresholdYuan` (`ZJ_CREDIT_SERIOUS_PENALTY_YUAN`, 100,000; unverified, FACTS.md).
 * A warning or a criticism (警告, 通报批评) alone never is, nor a smaller fine.
 */
export const SERIOUS_PENALTY_TYPES = ['revocation', 'suspension'] as const satisfies readonly PenaltyType[];

const yuan = (n: number) => n.toLocaleString('en-US');

/** The definition in words (a rule's label, a met condition's detail). */
export const seriousPenaltyText = (thresholdYuan: number) => `吊销许可证、责令停产停业，或罚没款 ${yuan(thresholdYuan)} 元以上`;

/** The condition on a credit event row `ev` (the event union's columns) that it is serious. */
export function seriousEventSql(thresholdYuan: number): SQL {
  return sql`(ev.kind = 'licence.revoked' or (ev.kind = 'case.penalty' and (ev.magnitude >= ${thresholdYuan} or ev.ref_id in ${decidedCasesWithPenaltyTypes(SERIOUS_PENALTY_TYPES)})))`;
}

export interface SeriousRecord {
  on: string;
  kind: string;
  refType: string;
  refId: string;
  title: string;
}

/**
 * The serious records of the enterprise `uscc` that occurred after `after` and on or before
 * `today`, oldest first (then reference); a penalty decision of the case `exceptCaseId` (a
 * listing's own case) left out.
 */
export async function seriousRecordsSince(tx: Db, uscc: string, after: string, today: string, thresholdYuan: number, exceptCaseId: string | null): Promise<SeriousRecord[]> {
  const { rows } = (await tx.execute(sql`
    select ev.occurred_on::text as "on", ev.kind, ev.ref_type as "refType", ev.ref_id as "refId", coalesce(ev.title, ev.kind) as title
      from ${creditEventsSql({ today })} ev
     where ev.uscc = ${uscc} and ev.occurred_on > ${after}::date and ev.occurred_on <= ${today}::date and ${seriousEventSql(thresholdYuan)}
       and not (ev.kind = 'case.penalty' and ev.ref_id is not distinct from ${exceptCaseId}::text)
     order by ev.occurred_on, ev.kind, ev.ref_id`)) as unknown as { rows: SeriousRecord[] };
  return rows;
}
