import type { Exclusion } from './blinded.js';
import type { ExclusionEvidence } from './eligibility.js';
import type { Assignment, DrawRecord } from './record.js';

/**
 * How a draw is stored (`draws.strata`, `draws.record`), compactly: a draw of a million candidates
 * selects a hundred thousand objects, and each assignment lists every inspector of the pool as a
 * candidate or an exclusion — stored as the record of docs/DRAW.md, that is several hundred MB of
 * JSON, more than a jsonb value may hold. The published record is assembled from these once
 * (draws/draw-records.ts) and is the same record.
 *
 * - A stratum keeps its keys as one text, `<key>\n` per candidate in candidate order (keys never
 *   contain a line break: commitDraw refuses them), with their count `n`; a `/2` stratum its keys
 *   in the order of their blinded ids and its class — the blinded ids are recomputed, not stored.
 * - A revealed record keeps no candidates (they are the frozen strata's) and stores each distinct
 *   inspector choice (candidates and exclusions) once; each selected object is a line
 *   `<object key>\t<choice>\t<selected, as indices into the choice's candidates, comma-separated>\n`.
 */
export interface StoredStratum {
  name: string;
  k: number;
  n: number;
  /** `<key>\n` per candidate; in `/2`, in the order of their blinded ids (which are recomputed when needed, not stored). */
  keys: string;
  /** `/2`: the class behind the label (auditors only). */
  className?: string;
}

/** Draws committed before the compact form kept their keys as a JSON array. */
export interface LegacyStratum {
  name: string;
  k: number;
  candidates: string[];
}

export interface StoredRecord extends Omit<DrawRecord, 'strata' | 'assignments'> {
  strata: { name: string; k: number; selected: string[] }[];
  assignments: {
    /** Every inspector and rule the choices name; a rule with its evidence is the JSON of `[rule, evidence]`. */
    inspectors: string[];
    rules: string[];
    /** Each distinct choice once: `<candidates as inspector indices, comma-separated>;<exclusions as inspector:rule indices, comma-separated>`. */
    choices: string[];
    /** `<object key>\t<choice>\t<selected, as indices into the choice's candidates, comma-separated>\n` per assignment, in record order. */
    objects: string;
  };
}

/** A stratum as committed: `/1` candidates are the keys; a `/2` stratum has its keys in blinded-id order and its class. */
export type FrozenStratum = { name: string; k: number; candidates: string[] } | BlindedKeys;

/** A `/2` stratum as stored: the keys in the order of their blinded ids (the selection's positions are the same). */
export interface BlindedKeys {
  name: string;
  className: string;
  k: number;
  keys: string[];
}

export const isBlinded = (s: FrozenStratum): s is BlindedKeys => 'keys' in s;

const lines = (values: readonly string[]) => (values.length === 0 ? '' : `${values.join('\n')}\n`);

function unlines(text: string, n: number, what: string): string[] {
  const values = text === '' ? [] : text.split('\n');
  values.pop(); // after the last line break
  if (values.length !== n) throw new Error(`stored ${what}: ${values.length} lines, expected ${n}`);
  return values;
}

/** `/1` strata keep their keys; `/2` strata their keys in blinded-id order and their class. */
export function packStrata(strata: readonly ({ name: string; candidates: readonly string[]; k: number } | BlindedKeys)[]): StoredStratum[] {
  return strata.map((s) => ('keys' in s ? { name: s.name, className: s.className, k: s.k, n: s.keys.length, keys: lines(s.keys) } : { name: s.name, k: s.k, n: s.candidates.length, keys: lines(s.candidates) }));
}

export function unpackStrata(stored: readonly (StoredStratum | LegacyStratum)[]): FrozenStratum[] {
  return stored.map((s) => {
    if ('candidates' in s) return { name: s.name, candidates: s.candidates, k: s.k };
    const keys = unlines(s.keys, s.n, `stratum ${s.name}`);
    return s.className === undefined ? { name: s.name, candidates: keys, k: s.k } : { name: s.name, className: s.className, keys, k: s.k };
  });
}

/** The record to store: no candidates, each distinct inspector choice once. */
export function packRecord(record: Omit<DrawRecord, 'strata'> & { strata: readonly { name: string; k: number; selected: string[] }[] }): StoredRecord {
  const inspectors: string[] = [];
  const inspectorIndex = new Map<string, number>();
  const rules: string[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (values: string[], index: Map<string, number>, value: string) => {
    let i = index.get(value);
    if (i === undefined) index.set(value, (i = values.push(value) - 1));
    return i;
  };
  const choices: string[] = [];
  const choiceIndex = new Map<string, number>();
  // Exclusions shared by many objects' choices (eligibilityByRegion) are written once.
  const exclusionText = new WeakMap<Exclusion, string>();
  const textOf = (x: Exclusion) => {
    let text = exclusionText.get(x);
    if (text === undefined) exclusionText.set(x, (text = `${indexOf(inspectors, inspectorIndex, x.inspector)}:${indexOf(rules, ruleIndex, x.evidence ? JSON.stringify([x.rule, x.evidence]) : x.rule)}`));
    return text;
  };
  // Objects sharing the same arrays (eligibilityByRegion) are encoded once; others by content.
  const byArrays = new Map<readonly string[], Map<Assignment['excluded'], number>>();
  const objectLines: string[] = [];
  for (const a of record.assignments) {
    let byExcluded = byArrays.get(a.candidates);
    if (!byExcluded) byArrays.set(a.candidates, (byExcluded = new Map()));
    let choice = byExcluded.get(a.excluded);
    if (choice === undefined) {
      const text = `${a.candidates.map((id) => indexOf(inspectors, inspectorIndex, id)).join(',')};${a.excluded.map(textOf).join(',')}`;
      choice = indexOf(choices, choiceIndex, text);
      byExcluded.set(a.excluded, choice);
    }
    const selected = a.selected.map((id) => a.candidates.indexOf(id));
    if (selected.some((i) => i < 0)) throw new Error(`assignment of ${a.objectKey}: a selected inspector is not a candidate`);
    objectLines.push(`${a.objectKey}\t${choice}\t${selected.join(',')}\n`);
  }
  const { version, candidatesHash, commitment, secret, witnessInput, seed } = record;
  return { version, candidatesHash, commitment, secret, witnessInput, seed, strata: record.strata.map((s) => ({ name: s.name, k: s.k, selected: s.selected })), assignments: { inspectors, rules, choices, objects: objectLines.join('') } };
}

/** Every assignment of a stored record, written out (without the strata's candidates, which it does not need). */
export function unpackAssignments(stored: StoredRecord | DrawRecord): Assignment[] {
  if (Array.isArray(stored.assignments)) return stored.assignments;
  const { inspectors, rules, choices: choiceTexts, objects } = (stored as StoredRecord).assignments;
  const list = (text: string) => (text === '' ? [] : text.split(','));
  const choices = choiceTexts.map((text) => {
    const [candidates = '', excluded = ''] = text.split(';');
    return {
      candidates: list(candidates).map((i) => inspectors[Number(i)]!),
      excluded: list(excluded).map((x) => {
        const [inspector, rule] = x.split(':');
        const stored = rules[Number(rule)]!;
        if (!stored.startsWith('[')) return { inspector: inspectors[Number(inspector)]!, rule: stored };
        const [name, evidence] = JSON.parse(stored) as [string, ExclusionEvidence];
        return { inspector: inspectors[Number(inspector)]!, rule: name, evidence };
      }),
    };
  });
  const assignments: Assignment[] = [];
  let start = 0;
  while (start < objects.length) {
    const end = objects.indexOf('\n', start);
    const line = objects.slice(start, end);
    start = end + 1;
    const second = line.lastIndexOf('\t');
    const first = line.lastIndexOf('\t', second - 1);
    const choice = choices[Number(line.slice(first + 1, second))]!;
    assignments.push({ objectKey: line.slice(0, first), candidates: choice.candidates, excluded: choice.excluded, selected: list(line.slice(second + 1)).map((i) => choice.candidates[Number(i)]!) });
  }
  return assignments;
}
