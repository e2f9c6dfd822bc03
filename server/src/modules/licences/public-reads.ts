/**
 * The licence part of the public enterprise lookup (enterprises/public-lookup.ts), as SQL that the
 * lookup embeds so it stays one prepared statement and one round trip. Each fragment is a scalar
 * subquery over the licence tables for the enterprise row aliased `e`: a JSON array, never null.
 */

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

// Dates inside JSON are 'YYYY-MM-DD' on both PGlite and PostgreSQL. Warning and change orders are
// internal supervision: such a licence is listed as valid, without its state. Every state change
// is an applied transition (licences.service `apply`), so each revoked or withdrawn licence has one.

/** `PublicLicence[]` of the enterprise `e`: valid today, by type order and number. */
export const PUBLIC_LICENCES_OF_E = `(select coalesce(json_agg(json_build_object(
              'typeName', t.name, 'number', l.number, 'scope', l.scope,
              'issuedOn', l.issued_on, 'expiresOn', l.expires_on, 'issuer', l.issuer) order by t.sort, l.number), '[]'::json)
       from licences l join licence_types t on t.key = l.type_key
      where l.enterprise_id = e.id and l.state in ('normal', 'warning', 'changeOrdered')
        and (l.expires_on is null or l.expires_on >= (now() at time zone 'Asia/Shanghai')::date))`;

/** `PublicRevocation[]` of the enterprise `e`: latest decision first. */
export const PUBLIC_REVOCATIONS_OF_E = `(select coalesce(json_agg(json_build_object(
              'typeName', t.name, 'number', l.number, 'kind', l.state,
              'decidedOn', (d.at at time zone 'Asia/Shanghai')::date, 'documentNo', d.document_no) order by d.at desc, l.number), '[]'::json)
       from licences l join licence_types t on t.key = l.type_key
       cross join lateral (
         select coalesce(lt.decided_at, lt.requested_at) as at, lt.document_no from licence_transitions lt
          where lt.licence_id = l.id and lt.status = 'applied' and lt.to_state = l.state
          order by coalesce(lt.decided_at, lt.requested_at) desc limit 1) d
      where l.enterprise_id = e.id and l.state in ('revoked', 'withdrawn'))`;
