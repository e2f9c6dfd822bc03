import type { Database } from '../../db/client.js';
import { coalescedLoader } from '../../db/coalesced-loader.js';
import { notFound } from '../../platform/http/errors.js';
import type { EnterpriseStatus } from './enterprises.schema.js';
import { normalizeUscc } from './uscc.js';

/** A licence the holder may currently operate under, as the public sees it (no supervision state). */
export interface PublicLicence {
  typeName: string;
  number: string;
  scope: string | null;
  issuedOn: string;
  expiresOn: string | null;
  issuer: string;
}

/** A licence taken away from the holder: revoked (吊销) or withdrawn (撤销), with the decision. */
export interface PublicRevocation {
  typeName: string;
  number: string;
  kind: 'revoked' | 'withdrawn';
  /** The day (China time) the transition was applied. */
  decidedOn: string;
  documentNo: string;
}

export interface PublicRecord {
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  status: EnterpriseStatus;
  licences: PublicLicence[];
  revocations: PublicRevocation[];
}

// Licences and revocations come as json_agg subqueries so the lookup stays one round trip; dates
// inside JSON are 'YYYY-MM-DD' on both PGlite and PostgreSQL. Warning and change orders are
// internal supervision: such a licence is listed as valid, without its state. Every state change
// is an applied transition (licences.service `apply`), so each revoked or withdrawn licence has one.
const PUBLIC_RECORD = `
  select e.uscc, e.name, e.region_code as "regionCode", r.name as "regionName", e.status,
    (select coalesce(json_agg(json_build_object(
              'typeName', t.name, 'number', l.number, 'scope', l.scope,
              'issuedOn', l.issued_on, 'expiresOn', l.expires_on, 'issuer', l.issuer) order by t.sort, l.number), '[]'::json)
       from licences l join licence_types t on t.key = l.type_key
      where l.enterprise_id = e.id and l.state in ('normal', 'warning', 'changeOrdered')
        and (l.expires_on is null or l.expires_on >= (now() at time zone 'Asia/Shanghai')::date)) as "licences",
    (select coalesce(json_agg(json_build_object(
              'typeName', t.name, 'number', l.number, 'kind', l.state,
              'decidedOn', (d.at at time zone 'Asia/Shanghai')::date, 'documentNo', d.document_no) order by d.at desc, l.number), '[]'::json)
       from licences l join licence_types t on t.key = l.type_key
       cross join lateral (
         select coalesce(lt.decided_at, lt.requested_at) as at, lt.document_no from licence_transitions lt
          where lt.licence_id = l.id and lt.status = 'applied' and lt.to_state = l.state
          order by coalesce(lt.decided_at, lt.requested_at) desc limit 1) d
      where l.enterprise_id = e.id and l.state in ('revoked', 'withdrawn')) as "revocations"
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
