import type { Database } from '../../db/client.js';
import { coalescedLoader } from '../../db/coalesced-loader.js';
import { notFound } from '../../platform/http/errors.js';
import { PUBLIC_COMMITMENTS_OF_E, type PublicCommitment } from '../commitments/index.js';
import { PUBLIC_EQUIPMENT_OF_E, type PublicEquipmentSummary } from '../equipment/index.js';
import { PUBLIC_LICENCES_OF_E, PUBLIC_REVOCATIONS_OF_E, type PublicLicence, type PublicRevocation } from '../licences/index.js';
import type { EnterpriseStatus } from './enterprises.schema.js';
import { normalizeUscc } from './uscc.js';

export interface PublicRecord {
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  status: EnterpriseStatus;
  licences: PublicLicence[];
  revocations: PublicRevocation[];
  /** Quality commitments in force (质量安全公开承诺, not withdrawn), newest first. */
  commitments: PublicCommitment[];
  /** Its special-equipment units (not scrapped or deregistered) by category, and how many are overdue for inspection. */
  equipment: PublicEquipmentSummary;
}

// Licences and revocations come as json_agg subqueries of the licences module (its public reads),
// commitments as one of the commitments module, so the lookup stays one round trip.
const PUBLIC_RECORD = `
  select e.uscc, e.name, e.region_code as "regionCode", r.name as "regionName", e.status,
    ${PUBLIC_LICENCES_OF_E} as "licences",
    ${PUBLIC_REVOCATIONS_OF_E} as "revocations",
    ${PUBLIC_COMMITMENTS_OF_E} as "commitments",
    ${PUBLIC_EQUIPMENT_OF_E} as "equipment"
  from enterprises e left join regions r on r.code = e.region_code
  where e.uscc = any($1::text[])`;

/**
 * The public part of an enterprise's record — never contacts, notes, history, the credit-risk class (国市监信发〔2022〕6号: internal) or the internal
 * supervision of its licences. A hot path (anyone, no login): one prepared statement on the
 * driver, one round trip, nothing built per request. Concurrent lookups share a round trip
 * (`coalescedLoader`: up to 100 USCCs per query while the previous query runs — one at a time on
 * the embedded database, which runs one query at a time anyway; a few on a server); with
 * `coalesce: false`, every lookup is a query of its own. Nothing is cached.
 */
export function makePublicLookup(database: Database, opts: { coalesce?: boolean } = {}) {
  const byUsccs = database.prepare<PublicRecord>('public_enterprises_by_uscc', PUBLIC_RECORD);
  const load = async (usccs: readonly string[]) => {
    const found = new Map((await byUsccs([usccs])).map((r) => [r.uscc, r]));
    return usccs.map((uscc) => found.get(uscc) ?? null);
  };
  const one = opts.coalesce === false ? async (uscc: string) => (await load([uscc]))[0]! : coalescedLoader(load, { inFlight: database.kind === 'pglite' ? 1 : 4, maxBatch: 100 });
  return async (rawUscc: string): Promise<PublicRecord> => {
    const row = await one(normalizeUscc(rawUscc));
    if (!row) throw notFound('企业');
    return row;
  };
}

export type PublicLookup = ReturnType<typeof makePublicLookup>;
export type { PublicCommitment, PublicLicence, PublicRevocation };
