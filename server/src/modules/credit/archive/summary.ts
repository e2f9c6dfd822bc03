import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { PUBLIC_COMMITMENTS_OF_E } from '../../commitments/index.js';
import { PUBLIC_EQUIPMENT_OF_E, equipmentHazards } from '../../equipment/index.js';
import { enterprises } from '../../enterprises/index.js';
import { PUBLIC_LICENCES_OF_E, PUBLIC_REVOCATIONS_OF_E } from '../../licences/index.js';
import type { EvaluatorGrade, ListingStatus } from '../credit.schema.js';
import { creditEventsSql } from '../events/credit-events.js';

/** The archive's counts per area (README.md § Summary). */
export interface ArchiveSummary {
  licences: { valid: number; revoked: number };
  inspections: { passed: number; problems: number; notFound: number };
  spotchecks: { passed: number; failed: number };
  equipment: { units: number; overdue: number; openHazards: number };
  complaints: { substantiated: number; other: number };
  cases: { penalties: number; finesTotal: number; transferred: number; publishedRecently: number };
  commitments: { inForce: number };
  listing: null | { listingNo: string; status: ListingStatus; listedOn: string | null; until: string | null; reason: string };
  rating: null | { grade: EvaluatorGrade; evaluatorName: string; ratedOn: string; validUntil: string };
  feedback: number;
}

/** Months back a publication counts as recent: the long public period of a penalty (SAMR Order 45 §13, 3 years). */
export const PUBLISHED_RECENT_MONTHS = 36;

interface Row {
  licences_valid: number;
  licences_revoked: number;
  equipment: { byCategory: Record<string, number>; overdue: number };
  open_hazards: number;
  commitments: number;
  counts: Record<string, number> | null;
  fines: string | number | null;
  published_recently: number;
  listing: null | { listingNo: string; status: ListingStatus; listedOn: string | null; until: string | null; reason: string };
  rating: null | { grade: EvaluatorGrade; evaluatorName: string; ratedOn: string; validUntil: string };
  feedback: number;
}

/**
 * The summary of the enterprise in one statement: the public reads of licences,
 * equipment and commitments (their modules' SQL), open hazards, counts per kind of the event
 * union, the latest listing, the evaluator rating in force and the departments' feedback.
 */
export async function archiveSummary(db: Db, enterprise: { id: string; uscc: string }, today: string): Promise<ArchiveSummary> {
  const { rows } = (await db.execute(sql`
    with ev as (select ev.kind, ev.occurred_on, ev.magnitude from ${creditEventsSql({ today })} ev
                 where ev.uscc = ${enterprise.uscc})
    select json_array_length(${sql.raw(PUBLIC_LICENCES_OF_E)}) as licences_valid,
           json_array_length(${sql.raw(PUBLIC_REVOCATIONS_OF_E)}) as licences_revoked,
           ${sql.raw(PUBLIC_EQUIPMENT_OF_E)} as equipment,
           json_array_length(${sql.raw(PUBLIC_COMMITMENTS_OF_E)}) as commitments,
           (select count(*)::int from ${equipmentHazards} h where h.user_uscc = e.uscc and h.corrected_on is null) as open_hazards,
           (select json_object_agg(k.kind, k.n) from (select kind, count(*)::int as n from ev group by kind) k) as counts,
           (select coalesce(sum(magnitude), 0)::text from ev where kind = 'case.penalty') as fines,
           (select count(*)::int from ev where kind = 'case.published'
             and occurred_on > (${today}::date - make_interval(months => ${PUBLISHED_RECENT_MONTHS}))::date) as published_recently,
           (select json_build_object('listingNo', l.listing_no, 'status', l.status, 'listedOn', l.listed_on, 'until', l.until, 'reason', l.reason)
              from credit_listings l where l.enterprise_id = e.id order by l.proposed_at desc, l.id limit 1) as listing,
           (select json_build_object('grade', r.grade, 'evaluatorName', v.name, 'ratedOn', r.rated_on, 'validUntil', r.valid_until)
              from credit_ratings r join credit_evaluators v on v.id = r.evaluator_id
             where r.enterprise_id = e.id and r.withdrawn_at is null and r.rated_on <= ${today}::date and r.valid_until >= ${today}::date
             order by r.rated_on desc, r.created_at desc, r.id limit 1) as rating,
           (select count(*)::int from credit_feedback f where f.enterprise_id = e.id) as feedback
      from ${enterprises} e where e.id = ${enterprise.id}`)) as unknown as { rows: Row[] };
  const r = rows[0]!;
  const n = (kind: string) => Number(r.counts?.[kind] ?? 0);
  return {
    licences: { valid: Number(r.licences_valid), revoked: Number(r.licences_revoked) },
    inspections: { passed: n('inspection.passed'), problems: n('inspection.problems'), notFound: n('inspection.not_found') },
    spotchecks: { passed: n('spotcheck.passed'), failed: n('spotcheck.failed') },
    equipment: { units: Object.values(r.equipment.byCategory).reduce((a, b) => a + Number(b), 0), overdue: Number(r.equipment.overdue), openHazards: Number(r.open_hazards) },
    complaints: { substantiated: n('complaint.substantiated'), other: n('complaint.closed') },
    cases: { penalties: n('case.penalty'), finesTotal: Number(r.fines ?? 0), transferred: n('case.transferred'), publishedRecently: Number(r.published_recently) },
    commitments: { inForce: Number(r.commitments) },
    listing: r.listing,
    rating: r.rating,
    feedback: Number(r.feedback),
  };
}
