import type { Assignment, DrawRecord, DrawStratum } from './record.js';

/**
 * How a draw is stored (`draws.strata`, `draws.record`), compactly: a draw of a million candidates
 * selects a hundred thousand objects, and each assignment lists every inspector of the pool as a
 * candidate or an exclusion — stored as the record of docs/DRAW.md, that is several hundred MB of
 * JSON, more than a jsonb value may hold. The published record is assembled from these when read
 * (`unpackRecord`) and is the same record.
 *
 * - A stratum keeps its keys as one text, `<key>\n` per candidate in candidate order (keys never
 *   contain a line break: commitDraw refuses them), with their count `n`.
 * - A revealed record keeps no candidates (they are the frozen strata's) and stores each distinct
 *   inspector choice (candidates and exclusions) once; each selected object is a line
 *   `<object key>\t<choice>\t<selected, as indices into the choice's candidates, comma-separated>\n`.
 */
export interface StoredStratum {
  name: string;
  k: number;
  n: number;
  keys: string;
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
    /** Every inspector and rule the choices name. */
    inspectors: string[];
    rules: string[];
    /** Each distinct choice once: `<candidates as inspector indices, comma-separated>;<exclusions as inspector:rule indices, comma-separated>`. */
    choices: string[];
    /** `<object key>\t<choice>\t<selected, as indices into the choice's candidates, comma-separated>\n` per assignment, in record order. */
    objects: string;
  };
}

export interface FrozenStratum {
  name: string;
  candidates: string[];
  k: number;
}

export function packStrata(strata: readonly { name: string; candidates: readonly string[]; k: number }[]): StoredStratum[] {
  return strata.map((s) => ({ name: s.name, k: s.k, n: s.candidates.length, keys: s.candidates.length === 0 ? '' : `${s.candidates.join('\n')}\n` }));
}

export function unpackStrata(stored: readonly (StoredStratum | LegacyStratum)[]): FrozenStratum[] {
  return stored.map((s) => {
    if ('candidates' in s) return { name: s.name, candidates: s.candidates, k: s.k };
    const candidates = s.keys === '' ? [] : s.keys.split('\n');
    candidates.pop(); // after the last line break
    if (candidates.length !== s.n) throw new Error(`stored stratum ${s.name}: ${candidates.length} keys, expected ${s.n}`);
    return { name: s.name, candidates, k: s.k };
  });
}

/** The record to store: no candidates, each distinct inspector choice once. */
export function packRecord(record: DrawRecord): StoredRecord {
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
  // Objects sharing the same arrays (eligibilityByRegion) are encoded once; others by content.
  const byArrays = new Map<readonly string[], Map<Assignment['excluded'], number>>();
  const lines: string[] = [];
  for (const a of record.assignments) {
    let byExcluded = byArrays.get(a.candidates);
    if (!byExcluded) byArrays.set(a.candidates, (byExcluded = new Map()));
    let choice = byExcluded.get(a.excluded);
    if (choice === undefined) {
      const text = `${a.candidates.map((id) => indexOf(inspectors, inspectorIndex, id)).join(',')};${a.excluded.map((x) => `${indexOf(inspectors, inspectorIndex, x.inspector)}:${indexOf(rules, ruleIndex, x.rule)}`).join(',')}`;
      choice = indexOf(choices, choiceIndex, text);
      byExcluded.set(a.excluded, choice);
    }
    const selected = a.selected.map((id) => a.candidates.indexOf(id));
    if (selected.some((i) => i < 0)) throw new Error(`assignment of ${a.objectKey}: a selected inspector is not a candidate`);
    lines.push(`${a.objectKey}\t${choice}\t${selected.join(',')}\n`);
  }
  const { strata, assignments: _assignments, ...rest } = record;
  return { ...rest, strata: strata.map((s) => ({ name: s.name, k: s.k, selected: s.selected })), assignments: { inspectors, rules, choices, objects: lines.join('') } };
}

/** The published record: the stored one with the frozen strata's candidates and every assignment written out. */
export function unpackRecord(stored: StoredRecord | DrawRecord, frozen: readonly FrozenStratum[]): DrawRecord {
  if (Array.isArray(stored.assignments)) return stored as DrawRecord; // stored whole, before the compact form
  const packed = stored as StoredRecord;
  const strata: DrawStratum[] = packed.strata.map((s, i) => ({ name: s.name, candidates: frozen[i]!.candidates, k: s.k, selected: s.selected }));
  return { ...packed, strata, assignments: unpackAssignments(packed) };
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
        return { inspector: inspectors[Number(inspector)]!, rule: rules[Number(rule)]! };
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
