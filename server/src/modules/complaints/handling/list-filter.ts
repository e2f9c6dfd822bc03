import { type SQL, and, eq, ilike, like, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { type ComplaintKind, type ComplaintStatus, complaintDeadlines, complaints } from '../complaints.schema.js';
import { complaintScope } from './complaint-json.js';

/** The staff list's filters (the list and its export take the same). */
export interface ComplaintFilter {
  kind?: ComplaintKind;
  status?: ComplaintStatus;
  /** The routed region, with the divisions below it. */
  regionCode?: string;
  topic?: string;
  /** true: an open clock is past its due date; false: none is. */
  overdue?: boolean;
  urgent?: boolean;
  /** Tracking number, subject name or USCC, description (substring, case-insensitive). */
  q?: string;
}

/** The list's conditions: the reader's scope, then the filters (`today`: the China date overdue is judged on). */
export function complaintListWhere(actor: Actor, filter: ComplaintFilter, today: string): SQL | undefined {
  const q = filter.q?.trim();
  const overdueClock = sql`exists (select 1 from ${complaintDeadlines} where ${complaintDeadlines.complaintId} = ${complaints.id} and ${complaintDeadlines.metOn} is null and ${complaintDeadlines.cancelledOn} is null and ${complaintDeadlines.dueOn} < ${today})`;
  return and(
    complaintScope(actor),
    filter.kind ? eq(complaints.kind, filter.kind) : undefined,
    filter.status ? eq(complaints.status, filter.status) : undefined,
    filter.regionCode ? like(complaints.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`) : undefined,
    filter.topic ? eq(complaints.topic, filter.topic) : undefined,
    filter.urgent === undefined ? undefined : eq(complaints.urgent, filter.urgent),
    filter.overdue === undefined ? undefined : filter.overdue ? overdueClock : sql`not ${overdueClock}`,
    q
      ? or(
          ilike(complaints.trackingNo, `%${escapeLike(q)}%`),
          ilike(complaints.subjectName, `%${escapeLike(q)}%`),
          ilike(complaints.subjectUscc, `%${escapeLike(q)}%`),
          ilike(complaints.description, `%${escapeLike(q)}%`),
        )
      : undefined,
  );
}
