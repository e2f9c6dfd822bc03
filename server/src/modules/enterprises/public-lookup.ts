import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notFound } from '../../platform/http/errors.js';
import { regions } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from './enterprises.schema.js';
import { normalizeUscc } from './uscc.js';

/**
 * The public part of an enterprise's record — never contacts, notes or history. A hot path
 * (anyone, no login): one prepared statement, no query building per request.
 */
export function makePublicLookup(db: Db) {
  const byUscc = db
    .select({ uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode, regionName: regions.name, status: enterprises.status, creditClass: enterprises.creditClass })
    .from(enterprises)
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .where(eq(enterprises.uscc, sql.placeholder('uscc')))
    .prepare('public_enterprise_by_uscc');

  return async (rawUscc: string) => {
    const [row] = await byUscc.execute({ uscc: normalizeUscc(rawUscc) });
    if (!row) throw notFound('企业');
    return row;
  };
}

export type PublicLookup = ReturnType<typeof makePublicLookup>;
