import { candidatesHashOf, commitmentOf } from './algorithm.js';
import { blindSorted, labelClasses, nonceOf } from './blinding.js';
import { type InspectorChoice, assignInspectors, revealDraw } from './draw.js';
import type { ExclusionEvidence } from './eligibility.js';
import { type FrozenInspector, freezePool, inspectorPoolHashOf } from './pool.js';
import type { Assignment, DrawRecord } from './record.js';

export const BLINDED_VERSION = 'zhijian-draw/2';

/** A stratum as the plan gives it: a class (A类 …) and its members' keys, any order. */
export interface ClassStratum {
  className: string;
  keys: readonly string[];
  k: number;
}

/** A stratum as frozen at commit: its neutral label, the blinded ids sorted, and each id's key at the same index. */
export interface BlindedStratum {
  name: string;
  className: string;
  k: number;
  candidates: string[];
  keys: string[];
}

export interface CommittedBlindedDraw {
  version: typeof BLINDED_VERSION;
  strata: BlindedStratum[];
  candidatesHash: string;
  commitment: string;
  inspectorPool: FrozenInspector[];
  inspectorPoolHash: string;
  inspectorsPerTask: number;
}

/** An exclusion with what its rule read (the auditors' record shows it; the public record only the rule). */
export type Exclusion = Assignment['excluded'][number] & { evidence?: ExclusionEvidence };

export interface Opening {
  blindedId: string;
  key: string;
  nonce: string;
}

export interface BlindedRecord extends DrawRecord {
  inspectorPool: string[];
  inspectorPoolHash: string;
  inspectorsPerTask: number;
  openings: Opening[];
}

/**
 * The commit step of `zhijian-draw/2`: the plan's non-empty strata labelled in their secret
 * order, each stratum's keys blinded and sorted, the candidate hash over the blinded ids, the
 * commitment to the secret, and the inspector pool frozen with its hash.
 */
export async function commitBlindedDraw(input: { strata: readonly ClassStratum[]; secret: Buffer; blindSecret: Buffer; pool: readonly FrozenInspector[]; inspectorsPerTask: number }): Promise<CommittedBlindedDraw> {
  const byClass = new Map(input.strata.filter((s) => s.keys.length > 0).map((s) => [s.className, s]));
  if (byClass.size !== input.strata.filter((s) => s.keys.length > 0).length) throw new Error('class names must be unique');
  const seen = new Set<string>();
  const strata: BlindedStratum[] = [];
  for (const { label, className } of labelClasses(input.blindSecret, [...byClass.keys()])) {
    const { keys, k } = byClass.get(className)!;
    for (const key of keys) {
      // A key with a line break would make the candidate text ambiguous; no key may be in two strata.
      if (key.includes('\n')) throw new Error(`stratum ${className}: candidate ${JSON.stringify(key)} contains a line break`);
      if (seen.has(key)) throw new Error(`candidate ${key} appears twice`);
      seen.add(key);
    }
    if (!Number.isInteger(k) || k < 0 || k > keys.length) throw new RangeError(`stratum ${className}: cannot draw ${k} of ${keys.length}`);
    strata.push({ name: label, className, k, ...(await blindSorted(input.blindSecret, keys)) });
  }
  const inspectorPool = freezePool(input.pool);
  if (!Number.isInteger(input.inspectorsPerTask) || input.inspectorsPerTask < 1) throw new RangeError(`inspectorsPerTask must be a positive integer, got ${input.inspectorsPerTask}`);
  return {
    version: BLINDED_VERSION,
    strata,
    candidatesHash: candidatesHashOf(strata),
    commitment: commitmentOf(input.secret),
    inspectorPool,
    inspectorPoolHash: inspectorPoolHashOf(inspectorPool.map((i) => i.userId)),
    inspectorsPerTask: input.inspectorsPerTask,
  };
}

/** The key behind a selected blinded id of a stratum (its candidates are sorted: binary search). */
export function keyOf(stratum: Pick<BlindedStratum, 'candidates' | 'keys'>, blindedId: string): string {
  let lo = 0;
  let hi = stratum.candidates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = stratum.candidates[mid]!;
    if (id === blindedId) return stratum.keys[mid]!;
    if (id < blindedId) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`${blindedId} is not a candidate of stratum ${JSON.stringify((stratum as { name?: string }).name ?? '')}`);
}

/**
 * The reveal step of `zhijian-draw/2`: the witness input NFC-normalised, the seed, each stratum's
 * selection of blinded ids and their openings. The inspectors are assigned after it
 * (`assignBlindedInspectors`), once the caller knows what it needs about the opened keys.
 */
export function revealBlindedDraw(
  committed: Pick<CommittedBlindedDraw, 'strata' | 'candidatesHash' | 'commitment' | 'inspectorPoolHash' | 'inspectorsPerTask'> & { inspectorPool: readonly { userId: string }[] },
  secrets: { secret: Buffer; blindSecret: Buffer },
  witnessInput: string,
): BlindedRecord {
  const base = revealDraw({ version: BLINDED_VERSION, strata: committed.strata, candidatesHash: committed.candidatesHash, commitment: committed.commitment }, secrets.secret, witnessInput.normalize('NFC'));
  const openings: Opening[] = [];
  base.strata.forEach((s, i) => {
    for (const id of s.selected) {
      const key = keyOf(committed.strata[i]!, id);
      openings.push({ blindedId: id, key, nonce: nonceOf(secrets.blindSecret, key).toString('hex') });
    }
  });
  return {
    ...base,
    strata: base.strata.map((s) => ({ name: s.name, candidates: s.candidates, k: s.k, selected: s.selected })),
    openings,
    inspectorPool: committed.inspectorPool.map((i) => i.userId),
    inspectorPoolHash: committed.inspectorPoolHash,
    inspectorsPerTask: committed.inspectorsPerTask,
  };
}

/** The inspectors of each opened key (strata in record order, objects in draw order), `inspectorsPerTask` each where the pool allows. */
export function assignBlindedInspectors(record: BlindedRecord, inspectorsFor: (objectKey: string) => Omit<InspectorChoice, 'perTask'>): Assignment[] {
  const opened = new Map(record.openings.map((o) => [o.blindedId, o.key]));
  return assignInspectors(record, (key) => ({ ...inspectorsFor(key), perTask: record.inspectorsPerTask }), (id) => opened.get(id)!);
}
