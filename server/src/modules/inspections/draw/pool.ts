import { createHash } from 'node:crypto';
import { byUtf8 } from './algorithm.js';
import type { PoolInspector } from './eligibility.js';

/**
 * An inspector of a draw's pool as frozen at commit: what the exclusion rules read, as it was
 * then. A change to the inspector afterwards (disabled, removed, another region) does not change
 * the draw.
 */
export interface FrozenInspector extends PoolInspector {
  activePeriods: { from: string; to: string | null }[];
  specialties: string[];
  /** The keys (USCCs) the inspector declared a conflict of interest with. */
  conflicts: string[];
  accountActive: boolean;
}

/** The pool in user-id order (UTF-8 bytes), each inspector once. */
export function freezePool(inspectors: readonly FrozenInspector[]): FrozenInspector[] {
  const sorted = [...inspectors].sort((a, b) => byUtf8(a.userId, b.userId));
  const repeated = sorted.find((i, n) => n > 0 && sorted[n - 1]!.userId === i.userId);
  if (repeated) throw new Error(`inspector ${repeated.userId} appears twice in the pool`);
  return sorted.map((i) => ({ userId: i.userId, regionCode: i.regionCode, activePeriods: i.activePeriods, specialties: i.specialties, conflicts: i.conflicts, accountActive: i.accountActive }));
}

/** hex(SHA-256) of one user id per line, each line ending with `\n` (of the empty text for an empty pool). */
export const inspectorPoolHashOf = (ids: readonly string[]): string =>
  createHash('sha256')
    .update(ids.map((id) => `${id}\n`).join(''), 'utf8')
    .digest('hex');
