import { DRAW_VERSION, candidatesHashOf, commitmentOf, inspectorStreamName, randomStream, seedOf, selectK, sortUtf8 } from './algorithm.js';
import type { Assignment, DrawRecord, DrawStratum } from './record.js';

export interface StratumInput {
  name: string;
  /** Any order; duplicates are not allowed. */
  candidates: readonly string[];
  k: number;
}

/** Who may inspect one selected object, after the exclusion rules, and how many are needed. */
export interface InspectorChoice {
  eligible: readonly string[];
  excluded: Assignment['excluded'];
  perTask: number;
}

/**
 * The commit step: candidates frozen in UTF-8 byte order, their hash, and the commitment to a
 * secret that stays hidden until the reveal.
 */
export function commitDraw(strata: readonly StratumInput[], secret: Buffer) {
  const frozen = strata.map((s) => {
    const candidates = sortUtf8(s.candidates);
    // A key with a line break would make the candidate text (and so its hash) ambiguous.
    const broken = candidates.find((key) => key.includes('\n'));
    if (broken !== undefined) throw new Error(`stratum ${s.name}: candidate ${JSON.stringify(broken)} contains a line break`);
    const repeated = candidates.find((key, i) => i > 0 && candidates[i - 1] === key);
    if (repeated !== undefined) throw new Error(`stratum ${s.name}: candidate ${repeated} appears twice`);
    if (!Number.isInteger(s.k) || s.k < 0 || s.k > candidates.length) throw new RangeError(`stratum ${s.name}: cannot draw ${s.k} of ${candidates.length}`);
    return { name: s.name, candidates, k: s.k };
  });
  const names = new Set(frozen.map((s) => s.name));
  if (names.size !== frozen.length) throw new Error('stratum names must be unique');
  return { version: DRAW_VERSION, strata: frozen, candidatesHash: candidatesHashOf(frozen), commitment: commitmentOf(secret) };
}

/**
 * The reveal step: the seed from the secret and the witnesses' input and each stratum's
 * selection in draw order; the inspectors are assigned after it (`assignInspectors`), once the
 * caller knows what it needs about the selected objects.
 */
export function revealDraw(committed: ReturnType<typeof commitDraw>, secret: Buffer, witnessInput: string): DrawRecord {
  const seed = seedOf(secret, witnessInput);
  const strata: DrawStratum[] = committed.strata.map((s) => ({ ...s, candidates: [...s.candidates], selected: selectK(randomStream(seed, s.name), s.candidates, s.k) }));
  return {
    version: committed.version,
    candidatesHash: committed.candidatesHash,
    commitment: committed.commitment,
    secret: secret.toString('hex'),
    witnessInput,
    seed: seed.toString('hex'),
    strata,
    assignments: [],
  };
}

/**
 * The inspectors of each selected object (strata in record order, objects in draw order), each from
 * its own stream named by the object's key — for blinded candidates (`/2`) the opened key, which
 * `openKey` gives for a selected id.
 */
export function assignInspectors(record: { seed: string; strata: readonly { selected: readonly string[] }[] }, inspectorsFor: (objectKey: string) => InspectorChoice, openKey: (selected: string) => string = (id) => id): Assignment[] {
  const seed = Buffer.from(record.seed, 'hex');
  // Objects that share one choice (the same `eligible` array, e.g. every object of a region
  // without conflicts) share its sorted candidates: sorted once, not once per object.
  const sorted = new WeakMap<readonly string[], string[]>();
  const assignments: Assignment[] = [];
  for (const s of record.strata) {
    for (const id of s.selected) {
      const key = openKey(id);
      const choice = inspectorsFor(key);
      let candidates = sorted.get(choice.eligible);
      if (!candidates) sorted.set(choice.eligible, (candidates = sortUtf8(choice.eligible)));
      const k = Math.min(choice.perTask, candidates.length);
      assignments.push({ objectKey: key, candidates, excluded: choice.excluded, selected: selectK(randomStream(seed, inspectorStreamName(key)), candidates, k) });
    }
  }
  return assignments;
}
