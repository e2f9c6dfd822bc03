import { sql } from 'drizzle-orm';
import type { ServiceEnv } from '../../test/app.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { cases } from './cases.schema.js';
import { caseParties } from './oversight/oversight.schema.js';

let seq = 0;

/**
 * A case written straight to the table (test factory), with its lead party: a manual lead found
 * today against 测试当事人, at the 涟水 bureau (320826) unless told otherwise, in stage `lead`
 * unless `stage` and the stage's facts are given. No event, no to-do: tests of the rules go
 * through the services. Returns the row.
 */
export async function makeCase(env: ServiceEnv, input: Partial<typeof cases.$inferInsert> = {}) {
  const regionCode = input.regionCode ?? '320826';
  const orgId = input.orgId ?? (await env.services.jurisdiction.competentBureau(regionCode)).id;
  seq += 1;
  const { rows } = (await env.db.execute(sql`select nextval('case_no_seq')::int as n`)) as unknown as { rows: { n: number }[] };
  const n = rows[0]!.n;
  const [row] = await env.db
    .insert(cases)
    .values({
      caseNo: `AJ${todayInChina().slice(0, 4)}${String(n).padStart(6, '0')}`,
      leadSource: 'manual',
      partyName: `测试当事人${seq}`,
      summary: '测试案件线索',
      foundOn: todayInChina(),
      leadDueOn: addDays(todayInChina(), 21),
      createdByName: '测试',
      ...input,
      regionCode,
      orgId,
    })
    .returning();
  await env.db.insert(caseParties).values({ caseId: row!.id, role: 'lead', orgId, addedOn: row!.foundOn, addedByName: '测试' });
  return row!;
}
