import { type SQL, and, eq, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { cases } from '../cases.schema.js';
import { caseParties } from '../oversight/oversight.schema.js';

/**
 * The cases an actor sees: those of its scope by the lead bureau's region and org, and those its own
 * bureau is a joint party of (联办); undefined for no limit. Out of scope is indistinguishable from missing (404).
 */
export function caseScope(actor: Actor): SQL | undefined {
  const party = sql`exists (select 1 from ${caseParties} where ${and(eq(caseParties.caseId, cases.id), eq(caseParties.orgId, actor.orgId))})`;
  const own = visibleTo(actor, { regionCode: cases.regionCode, orgId: cases.orgId });
  // No condition: everything (scope `all`). An enterprise's account sees no case (visibleTo without a USCC column shows it nothing).
  if (!own || actor.dataScope === 'enterprise') return own;
  return or(own, party);
}
