/**
 * The commitments part of the public enterprise lookup (enterprises/public-lookup.ts), as SQL that
 * the lookup embeds so it stays one prepared statement and one round trip: a scalar subquery over
 * `commitments` for the enterprise row aliased `e`, a JSON array, never null.
 */

import type { CommitmentKind } from './commitments.schema.js';

/** An active commitment as the public sees it (no ids, versions or who entered it). */
export interface PublicCommitment {
  kind: CommitmentKind;
  text: string;
  signedBy: string;
  signedOn: string;
}

/**
 * `PublicCommitment[]` of the enterprise `e`: those not withdrawn, newest signed first (then newest
 * made, then id). Dates inside JSON are 'YYYY-MM-DD' on both PGlite and PostgreSQL; the
 * (uscc, signed_on) index serves it.
 */
export const PUBLIC_COMMITMENTS_OF_E = `(select coalesce(json_agg(json_build_object(
              'kind', c.kind, 'text', c.text, 'signedBy', c.signed_by, 'signedOn', c.signed_on)
              order by c.signed_on desc, c.created_at desc, c.id), '[]'::json)
       from commitments c
      where c.uscc = e.uscc and c.withdrawn_on is null)`;
