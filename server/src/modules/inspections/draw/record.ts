import { DRAW_VERSION, byUtf8, candidatesHashOf, commitmentOf, inspectorStreamName, randomStream, seedOf, selectK } from './algorithm.js';

export interface DrawStratum {
  name: string;
  candidates: string[];
  k: number;
  /** In draw order. */
  selected: string[];
}

export interface Assignment {
  objectKey: string;
  /** Eligible inspectors' user ids after the exclusion rules, sorted by UTF-8 bytes. */
  candidates: string[];
  excluded: { inspector: string; rule: string }[];
  selected: string[];
}

/** The published record of a revealed draw: everything needed to replay it. */
export interface DrawRecord {
  version: string;
  candidatesHash: string;
  commitment: string;
  secret: string;
  witnessInput: string;
  seed: string;
  strata: DrawStratum[];
  assignments: Assignment[];
}

export type Mismatch = { field: 'version' | 'commitment' | 'seed' | 'candidate hash' | 'unsorted candidates' | 'selection' | 'assignment'; message: string };

const isSortedUnique = (keys: readonly string[]) => keys.every((k, i) => i === 0 || byUtf8(keys[i - 1]!, k) < 0);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const HEX32 = /^[0-9a-f]{64}$/;

/**
 * Replays a record and returns its first mismatch, or null when it is valid: the commitment, the
 * seed, the candidate hash, candidate order, each stratum's selection and each assignment, in
 * that order.
 */
export function verifyRecord(record: DrawRecord): Mismatch | null {
  if (record.version !== DRAW_VERSION) return { field: 'version', message: `unknown version ${JSON.stringify(record.version)} (expected ${DRAW_VERSION})` };
  if (!HEX32.test(record.secret ?? '')) return { field: 'commitment', message: 'secret is not 32 bytes of lower-case hex' };
  const secret = Buffer.from(record.secret, 'hex');
  const commitment = commitmentOf(secret);
  if (commitment !== record.commitment) return { field: 'commitment', message: `SHA-256(secret) is ${commitment}, the record says ${record.commitment}` };
  const seed = seedOf(secret, record.witnessInput ?? '');
  if (seed.toString('hex') !== record.seed) return { field: 'seed', message: `SHA-256(secret ‖ witness input) is ${seed.toString('hex')}, the record says ${record.seed}` };
  const hash = candidatesHashOf(record.strata);
  if (hash !== record.candidatesHash) return { field: 'candidate hash', message: `the candidates hash to ${hash}, the record says ${record.candidatesHash}` };

  const drawn = new Set<string>();
  for (const s of record.strata) {
    if (!isSortedUnique(s.candidates)) return { field: 'unsorted candidates', message: `stratum ${s.name}: candidates are not unique and sorted by UTF-8 bytes` };
    if (!Number.isInteger(s.k) || s.k < 0 || s.k > s.candidates.length) return { field: 'selection', message: `stratum ${s.name}: k = ${s.k} is not in 0…${s.candidates.length}` };
    const selected = selectK(randomStream(seed, s.name), s.candidates, s.k);
    if (!sameList(selected, s.selected)) return { field: 'selection', message: `stratum ${s.name}: the replay selects ${selected.join(', ')}; the record says ${s.selected.join(', ')}` };
    for (const key of selected) drawn.add(key);
  }

  for (const a of record.assignments) {
    if (!drawn.has(a.objectKey)) return { field: 'assignment', message: `${a.objectKey} was not selected by the draw` };
    if (!isSortedUnique(a.candidates)) return { field: 'unsorted candidates', message: `assignment of ${a.objectKey}: inspectors are not unique and sorted by UTF-8 bytes` };
    const excludedAndEligible = a.excluded.find((x) => a.candidates.includes(x.inspector));
    if (excludedAndEligible) return { field: 'assignment', message: `assignment of ${a.objectKey}: ${excludedAndEligible.inspector} is both excluded (${excludedAndEligible.rule}) and a candidate` };
    if (a.selected.length > a.candidates.length) return { field: 'assignment', message: `assignment of ${a.objectKey}: more inspectors selected than eligible` };
    const selected = selectK(randomStream(seed, inspectorStreamName(a.objectKey)), a.candidates, a.selected.length);
    if (!sameList(selected, a.selected)) return { field: 'assignment', message: `assignment of ${a.objectKey}: the replay selects ${selected.join(', ')}; the record says ${a.selected.join(', ')}` };
  }
  return null;
}
