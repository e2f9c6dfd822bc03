import { createHash, createHmac } from 'node:crypto';

/** The fields of an audit event that its hash covers. */
export interface HashedFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  regionCode: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The canonical text of an event's content, which both hash forms cover. */
function eventBody(e: HashedFields): string {
  return canonicalJson({
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    orgId: e.orgId,
    regionCode: e.regionCode,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip,
    requestId: e.requestId,
  });
}

/**
 * The first, unkeyed form: SHA-256 over the previous event's hash and this event's canonical
 * content. Anyone could recompute it, so it now only checks the events written before the chain
 * was keyed (up to the `audit.rekeyed` event).
 */
export function eventHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(eventBody(e)).digest('hex');
}

/**
 * The keyed form: HMAC-SHA256 with the audit-chain key (derived from ZJ_SECRET_KEY, never in the
 * database) over the same input. Without the key, an altered event's hash cannot be recomputed.
 */
export function keyedEventHash(key: Buffer, prevHash: string, e: HashedFields): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(eventBody(e)).digest('hex');
}
