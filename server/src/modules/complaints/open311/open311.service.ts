import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { complaints } from '../complaints.schema.js';
import { complaintCategories, complaintTopics } from '../routing/routing.schema.js';
import { keyedHash } from '../intake/codes.js';
import { type GeoRequest, type RequestRow, toRequest } from './mapping.js';

/** Longer than any token intake hands out: unknown at once, not hashed. */
const MAX_TOKEN = 200;

/**
 * The read behind the Open311 routes' `requests`: items by their `service_request_id` (the token
 * intake handed out, stored as its keyed hash), with what GeoReport shows of them: the category's
 * and topic's names (routing's tables) and the routed bureau's name. Filing goes through intake
 * (`submitPublic`); the services are routing's public categories.
 */
export function makeOpen311Service(deps: { db: Db; hashKey: Buffer }) {
  const { db, hashKey } = deps;
  return {
    /**
     * The items filed through Open311 under these tokens, in the order asked (unknown ones left
     * out, a repeated one answered once). One query, whatever the number (at most `MAX_IDS`).
     */
    async requests(tokens: readonly string[]): Promise<GeoRequest[]> {
      const wanted = [...new Set(tokens.filter((t) => t.length > 0 && t.length <= MAX_TOKEN))];
      if (!wanted.length) return [];
      const byHash = new Map(wanted.map((t) => [keyedHash(hashKey, 'open311-token', t), t]));
      const rows = await db
        .select({
          hash: complaints.open311TokenHash,
          status: complaints.status,
          publicResult: complaints.publicResult,
          category: complaints.category,
          categoryName: complaintCategories.name,
          topic: complaints.topic,
          topicName: complaintTopics.name,
          orgName: orgs.name,
          place: complaints.place,
          receivedAt: complaints.receivedAt,
          // The last change anyone can see: the row's, its closing, or its newest timeline event.
          updatedAt: sql<Date>`extract(epoch from greatest(${complaints.updatedAt}, ${complaints.closedAt}, (select max(e.at) from complaint_events e where e.complaint_id = ${complaints.id})))::float8`.mapWith((s: number | string) => new Date(Number(s) * 1000)),
          // The next open clock's due date.
          nextDueOn: sql<string | null>`(select min(d.due_on)::text from complaint_deadlines d where d.complaint_id = ${complaints.id} and d.met_on is null and d.cancelled_on is null)`,
        })
        .from(complaints)
        .leftJoin(complaintCategories, eq(complaintCategories.key, complaints.category))
        .leftJoin(complaintTopics, eq(complaintTopics.key, complaints.topic))
        .leftJoin(orgs, eq(orgs.id, complaints.orgId))
        .where(inArray(complaints.open311TokenHash, [...byHash.keys()]));
      const found = new Map(rows.map((r) => [byHash.get(r.hash!)!, r as RequestRow]));
      return wanted.filter((t) => found.has(t)).map((t) => toRequest(t, found.get(t)!));
    },
  };
}

export type Open311Service = ReturnType<typeof makeOpen311Service>;
