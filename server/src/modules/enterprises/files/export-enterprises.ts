import { and, asc, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { FILE_COLUMNS, STATUS_LABELS } from '../enterprise-fields.js';
import { enterprises } from '../enterprises.schema.js';
import { type EnterpriseFilter, searchConditions } from '../search.js';

const BATCH = 1000;

/**
 * The search result as file rows (import columns and Chinese headers, so an export re-imports
 * cleanly), read in USCC order by keyset pages: no long transaction, constant memory.
 */
export async function* exportRows(db: Db, actor: Actor, filter: EnterpriseFilter): AsyncGenerator<string[]> {
  yield FILE_COLUMNS.map((c) => c.header);
  const where = searchConditions(actor, filter);
  let after = '';
  for (;;) {
    const page = await db
      .select({
        uscc: enterprises.uscc,
        name: enterprises.name,
        legalRepresentative: enterprises.legalRepresentative,
        address: enterprises.address,
        regionCode: enterprises.regionCode,
        status: enterprises.status,
        establishedOn: enterprises.establishedOn,
        industryCode: enterprises.industryCode,
      })
      .from(enterprises)
      .where(and(where, gt(enterprises.uscc, after)))
      .orderBy(asc(enterprises.uscc))
      .limit(BATCH);
    for (const e of page) yield FILE_COLUMNS.map((c) => (c.field === 'status' ? STATUS_LABELS[e.status] : (e[c.field] ?? '')));
    if (page.length < BATCH) return;
    after = page.at(-1)!.uscc;
  }
}
