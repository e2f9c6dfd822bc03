import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditAnchor } from './audit.anchors.js';
import { GENESIS_HASH, eventHash, keyedEventHash } from './audit.hash.js';
import { auditEvents } from './audit.schema.js';

/** The event that closes the unkeyed chain of a database written before keying; the keyed chain starts with it. */
export const REKEYED_ACTION = 'audit.rekeyed';

/**
 * Why verification stopped: an event whose hash is not its content's (`hash_mismatch`), an event
 * that does not link to the one before it (`chain_broken`), or an event an anchor vouches for that
 * is no longer there (`anchor_missing`: the chain was truncated).
 */
export type BreakReason = 'hash_mismatch' | 'chain_broken' | 'anchor_missing';

export interface VerifyResult {
  ok: boolean;
  /** Events found intact before the first break (all of them when ok). */
  checked: number;
  /** Ids are strings in the API, like every id. */
  firstBroken: { id: string; reason: BreakReason } | null;
  /** The first event of the keyed chain: the first event, or the `audit.rekeyed` event after an unkeyed prefix. */
  keyedFrom: string | null;
  anchors: {
    /** Anchors that matched the chain before the first break. */
    checked: number;
    /** Lines in the anchor files that are not anchors. */
    unreadable: number;
    /** The most recent anchor found (by time). */
    latest: { lastId: string; at: string } | null;
  };
}

/**
 * Walks the whole chain in id order. Events before the keyed chain starts are checked with the
 * unkeyed SHA-256 (a database written before keying); from the first event, or from the
 * `audit.rekeyed` event, every hash must be the HMAC with `key`. A chain that never becomes keyed
 * is broken at its newest event: every process writes keyed events, so only someone without the
 * key can have written it. Each anchor must find its event with its hash and count.
 */
export async function verifyChain(db: Db, key: Buffer, found: { anchors: AuditAnchor[]; unreadable: number }, batchSize = 1000): Promise<VerifyResult> {
  const anchors = found.anchors;
  const newest = anchors.reduce<AuditAnchor | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
  let anchorsChecked = 0;
  let next = 0;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  let keyedFrom: number | null = null;
  const result = (firstBroken: VerifyResult['firstBroken']): VerifyResult => ({
    ok: firstBroken === null,
    checked,
    firstBroken,
    keyedFrom: keyedFrom === null ? null : String(keyedFrom),
    anchors: { checked: anchorsChecked, unreadable: found.unreadable, latest: newest ? { lastId: String(newest.lastId), at: newest.at } : null },
  });
  const broken = (id: number, reason: BreakReason) => result({ id: String(id), reason });

  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      // An anchor vouches for an event before this one that is not there.
      if (next < anchors.length && anchors[next]!.lastId < row.id) return broken(anchors[next]!.lastId, 'anchor_missing');
      if (row.prevHash !== prevHash) return broken(row.id, 'chain_broken');
      if (keyedFrom === null) {
        const startsKeyed = (checked === 0 || row.action === REKEYED_ACTION) && keyedEventHash(key, prevHash, row) === row.hash;
        if (startsKeyed) keyedFrom = row.id;
        else if (eventHash(prevHash, row) !== row.hash) return broken(row.id, 'hash_mismatch');
      } else if (keyedEventHash(key, prevHash, row) !== row.hash) {
        return broken(row.id, 'hash_mismatch');
      }
      prevHash = row.hash;
      lastId = row.id;
      checked++;
      for (; next < anchors.length && anchors[next]!.lastId === row.id; next++) {
        const anchor = anchors[next]!;
        if (anchor.lastHash !== row.hash) return broken(row.id, 'hash_mismatch');
        if (checked < anchor.count) return broken(row.id, 'anchor_missing');
        if (checked > anchor.count) return broken(row.id, 'chain_broken');
        anchorsChecked++;
      }
    }
  }
  // Anchors beyond the newest event: the chain's tail is gone.
  if (next < anchors.length) return broken(anchors[next]!.lastId, 'anchor_missing');
  if (checked > 0 && keyedFrom === null) return broken(lastId, 'hash_mismatch');
  return result(null);
}
