import { type SQL, and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll } from '../../../db/sql.js';
import { enterprises } from '../../enterprises/index.js';
import { complaints } from '../complaints.schema.js';

/** An enterprise with this many substantiated complaints or reports received in the last 12 months is a repeat subject (marked for targeted inspection). */
export const REPEAT_SUBJECT_THRESHOLD = 3;

/** The first day of the 12 months up to `today` as the module counts them: the same day a year before (29 February → 28 February), inclusive. */
export const twelveMonthsBefore = (today: string) => `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');

/** USCCs per statement (well under PostgreSQL's limit of parameters). */
const CHUNK = 5000;

/** Substantiated (属实) complaints and reports received on or after `since`. */
const substantiatedSince = (since: string) =>
  and(isNotNull(complaints.subjectUscc), inArray(complaints.kind, ['complaint', 'report']), eq(complaints.substantiated, true), gte(complaints.receivedOn, since));

/**
 * How many substantiated complaints and reports each of `usccs` received on or after `since`
 * (a China date): the read other modules use (the special-equipment tier, credit). USCCs without
 * any are absent from the map. Runs in the caller's transaction.
 */
export async function substantiatedComplaintCounts(tx: Db, usccs: string[], since: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const unique = [...new Set(usccs)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await tx
      .select({ uscc: complaints.subjectUscc, n: countAll })
      .from(complaints)
      .where(and(inArray(complaints.subjectUscc, unique.slice(i, i + CHUNK)), substantiatedSince(since)))
      .groupBy(complaints.subjectUscc);
    for (const r of rows) counts.set(r.uscc!, r.n);
  }
  return counts;
}

export interface RepeatSubject {
  uscc: string;
  /** The register's name, else the name the items gave. */
  name: string;
  /** The register's region of the enterprise, else the lowest region of its items. */
  regionCode: string;
  count: number;
}

/**
 * Enterprises (by USCC) with at least `REPEAT_SUBJECT_THRESHOLD` substantiated complaints or
 * reports received in the 12 months up to `today`, most first (then by USCC). With `visible`, only
 * subjects with at least one such item the reader may see (the count is always the whole count).
 */
export async function repeatSubjects(tx: Db, today: string, visible?: SQL): Promise<RepeatSubject[]> {
  const n = sql<number>`count(*)::int`;
  const rows = await tx
    .select({
      uscc: sql<string>`${complaints.subjectUscc}`,
      name: sql<string>`coalesce(min(${enterprises.name}), max(${complaints.subjectName}), ${complaints.subjectUscc})`,
      regionCode: sql<string>`coalesce(min(${enterprises.regionCode}), min(${complaints.regionCode}))`,
      count: n,
    })
    .from(complaints)
    .leftJoin(enterprises, eq(enterprises.uscc, complaints.subjectUscc))
    .where(substantiatedSince(twelveMonthsBefore(today)))
    .groupBy(complaints.subjectUscc)
    .having(and(sql`count(*) >= ${REPEAT_SUBJECT_THRESHOLD}`, visible ? sql`bool_or(${visible})` : undefined))
    .orderBy(sql`count(*) desc`, asc(complaints.subjectUscc));
  return rows;
}
