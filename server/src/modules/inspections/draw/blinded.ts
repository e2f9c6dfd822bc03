import { candidatesHashOf, commitmentOf, randomStream, seedOf, selectK } from './algorithm.js';
import { blindLists, labelClasses, openKeys } from './blinding.js';
import { type InspectorChoice, assignInspectors } from './draw.js';
import type { ExclusionEvidence } from './eligibility.js';
import { type FrozenInspector, freezePool, inspectorPoolHashOf } from './pool.js';
import type { BlindedKeys } from './storage.js';
import type { Assignment, DrawRecord } from './record.js';

export const BLINDED_VERSION = 'zhijian-draw/2';

/** A stratum as the plan gives it: a class (A类 …) and its members' keys, any order. */
export interface ClassStratum {
  className: string;
  keys: readonly string[];
  k: number;
}

/** A stratum as frozen at commit: its neutral label, the blinded ids sorted (as `<id>\n` lines), and each id's key at the same index. */
export interface BlindedStratum {
  name: string;
  className: string;
  k: number;
  lines: Buffer;
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

/** A revealed `/2` draw as the reveal makes it: the selection as blinded ids and their openings (the candidates stay the committed strata's). */
export interface BlindedRecord extends Omit<DrawRecord, 'strata'> {
  strata: { name: string; k: number; selected: string[] }[];
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
  const labelled = labelClasses(input.blindSecret, [...byClass.keys()]).map(({ label, className }) => {
    const { keys, k } = byClass.get(className)!;
    // A key with a line break would make the candidate text ambiguous.
    const broken = keys.find((key) => key.includes('\n'));
    if (broken !== undefined) throw new Error(`stratum ${className}: candidate ${JSON.stringify(broken)} contains a line break`);
    if (!Number.isInteger(k) || k < 0 || k > keys.length) throw new RangeError(`stratum ${className}: cannot draw ${k} of ${keys.length}`);
    return { name: label, className, k, keys };
  });
  // No key twice in the whole record: a repeated key has a repeated blinded id.
  const blinded = await blindLists(input.blindSecret, labelled.map((s) => s.keys));
  if (blinded.repeated !== undefined) throw new Error(`candidate ${blinded.repeated} appears twice`);
  const strata: BlindedStratum[] = labelled.map((s, i) => ({ ...s, ...blinded.lists[i]! }));
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

/** What a `/2` reveal has drawn before its openings: the witness input (NFC), the seed and each stratum's selected keys. */
export interface BlindedSelection {
  witnessInput: string;
  seed: Buffer;
  strata: { name: string; k: number; keys: string[] }[];
}

type CommittedKeys = { strata: readonly BlindedKeys[]; candidatesHash: string; commitment: string; inspectorPool: readonly { userId: string }[]; inspectorPoolHash: string; inspectorsPerTask: number };

/**
 * The selection of a `/2` reveal: the witness input NFC-normalised, the seed, and each stratum's
 * selected keys. The positions depend only on the seed, the label and the stratum's size, so they
 * are drawn over the keys, kept in the order of their blinded ids: only the selected keys need to
 * be blinded again (`openSelection`).
 */
export function selectBlinded(committed: Pick<CommittedKeys, 'strata'>, secret: Buffer, witnessInput: string): BlindedSelection {
  const witness = witnessInput.normalize('NFC');
  const seed = seedOf(secret, witness);
  return { witnessInput: witness, seed, strata: committed.strata.map((s) => ({ name: s.name, k: s.k, keys: selectK(randomStream(seed, s.name), s.keys, s.k) })) };
}

/**
 * The record of a `/2` reveal from its selection: the selected keys opened (their nonces and
 * blinded ids, in parallel workers for a large selection). The inspectors are assigned after it
 * (`assignBlindedInspectors`), once the caller knows what it needs about the opened keys.
 */
export async function openSelection(committed: CommittedKeys, selection: BlindedSelection, secrets: { secret: Buffer; blindSecret: Buffer }): Promise<BlindedRecord> {
  const openings = await openKeys(secrets.blindSecret, selection.strata.flatMap((s) => s.keys));
  let at = 0;
  const strata = selection.strata.map((s) => ({ name: s.name, k: s.k, selected: openings.slice(at, (at += s.keys.length)).map((o) => o.blindedId) }));
  return {
    version: BLINDED_VERSION,
    candidatesHash: committed.candidatesHash,
    commitment: committed.commitment,
    secret: secrets.secret.toString('hex'),
    witnessInput: selection.witnessInput,
    seed: selection.seed.toString('hex'),
    strata,
    openings,
    inspectorPool: committed.inspectorPool.map((i) => i.userId),
    inspectorPoolHash: committed.inspectorPoolHash,
    inspectorsPerTask: committed.inspectorsPerTask,
    assignments: [],
  };
}

/** The reveal step of `zhijian-draw/2`: the selection and its openings. */
export const revealBlindedDraw = (committed: CommittedKeys, secrets: { secret: Buffer; blindSecret: Buffer }, witnessInput: string): Promise<BlindedRecord> =>
  openSelection(committed, selectBlinded(committed, secrets.secret, witnessInput), secrets);

/** The openings of a stored `/2` record: its selected ids with the keys of its assignments (in the same order), nonces recomputed. */
export async function openingsOf(record: { strata: readonly { selected: readonly string[] }[]; assignments: readonly { objectKey: string }[] }, blindSecret: Buffer): Promise<Opening[]> {
  const ids = record.strata.flatMap((s) => s.selected);
  if (ids.length !== record.assignments.length) throw new Error(`${ids.length} selected ids but ${record.assignments.length} assignments`);
  const openings = await openKeys(blindSecret, record.assignments.map((a) => a.objectKey));
  openings.forEach((o, i) => {
    if (o.blindedId !== ids[i]) throw new Error(`assignment ${i} (${o.key}) does not open ${ids[i]}`);
  });
  return openings.map(({ blindedId, key, nonce }) => ({ blindedId, key, nonce }));
}

/** The inspectors of each opened key (strata in record order, objects in draw order), `inspectorsPerTask` each where the pool allows. */
export function assignBlindedInspectors(record: BlindedRecord, inspectorsFor: (objectKey: string) => Omit<InspectorChoice, 'perTask'>): Assignment[] {
  const opened = new Map(record.openings.map((o) => [o.blindedId, o.key]));
  return assignInspectors(record, (key) => ({ ...inspectorsFor(key), perTask: record.inspectorsPerTask }), (id) => opened.get(id)!);
}
