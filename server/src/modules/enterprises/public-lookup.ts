import type { Database } from '../../db/client.js';
import { notFound } from '../../platform/http/errors.js';
import type { CreditClass, EnterpriseStatus } from './enterprises.schema.js';
import { normalizeUscc } from './uscc.js';

export interface PublicRecord {
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  status: EnterpriseStatus;
  creditClass: CreditClass | null;
}

const PUBLIC_RECORD = `
  select e.uscc, e.name, e.region_code as "regionCode", r.name as "regionName", e.status, e.credit_class as "creditClass"
  from enterprises e left join regions r on r.code = e.region_code
  where e.uscc = $1`;

/**
 * The public part of an enterprise's record — never contacts, notes or history. A hot path
 * (anyone, no login): one prepared statement on the driver, nothing built per request.
 */
export function makePublicLookup(database: Database) {
  const byUscc = database.prepare<PublicRecord>('public_enterprise_by_uscc', PUBLIC_RECORD);
  return async (rawUscc: string): Promise<PublicRecord> => {
    const [row] = await byUscc([normalizeUscc(rawUscc)]);
    if (!row) throw notFound('企业');
    return row;
  };
}

export type PublicLookup = ReturnType<typeof makePublicLookup>;
