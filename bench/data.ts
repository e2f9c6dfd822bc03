import { generateEnterprises, writeEnterprisesCsv } from '../server/src/demo/generator.js';
import { makeRng } from '../server/src/demo/random.js';

/** The generator seed of the register every run loads (fixed, so runs compare). */
export const DATA_SEED = 20_260_301;
const SAMPLE_SEED = 7_919;

export const FRAGMENT_LENGTHS = [2, 3, 4] as const;
export const FRAGMENTS_PER_LENGTH = 200;
const WARMUP_FRAGMENTS = 20;
const LOOKUP_USCCS = 10_000;

/** What the bench asks the loaded register for: name fragments and USCCs, all from loaded rows. */
export interface Samples {
  fragments: Record<(typeof FRAGMENT_LENGTHS)[number], string[]>;
  /** Fragments for warming up, not measured. */
  warmup: string[];
  usccs: string[];
}

/** Writes the import file of `rows` generated enterprises. */
export async function writeRegisterCsv(file: string, rows: number): Promise<void> {
  const { rows: written } = await writeEnterprisesCsv(file, { seed: DATA_SEED, count: rows });
  if (written !== rows) throw new Error(`wrote ${written} rows, expected ${rows}`);
}

/**
 * Draws (seeded) rows of the loaded register and takes from their names fragments of 2, 3 and
 * 4 characters at random positions, and their USCCs for the public lookup.
 */
export function drawSamples(rows: number): Samples {
  const rng = makeRng(SAMPLE_SEED);
  const fragmentCount = FRAGMENT_LENGTHS.length * FRAGMENTS_PER_LENGTH + WARMUP_FRAGMENTS;
  const nameRows = Array.from({ length: fragmentCount }, () => rng.int(rows));
  const usccRows = new Set(Array.from({ length: Math.min(LOOKUP_USCCS, rows) }, () => rng.int(rows)));
  const wanted = new Set([...nameRows, ...usccRows]);
  const names = new Map<number, string>();
  const usccs: string[] = [];
  let index = 0;
  for (const e of generateEnterprises({ seed: DATA_SEED, count: rows })) {
    if (wanted.has(index)) {
      names.set(index, e.name);
      if (usccRows.has(index)) usccs.push(e.uscc);
    }
    index++;
  }
  const fragmentOf = (row: number, length: number) => {
    const chars = Array.from(names.get(row)!);
    const start = rng.int(Math.max(1, chars.length - length + 1));
    return chars.slice(start, start + length).join('');
  };
  let next = 0;
  const take = (length: number, count: number) => Array.from({ length: count }, () => fragmentOf(nameRows[next++]!, length));
  const fragments = { 2: take(2, FRAGMENTS_PER_LENGTH), 3: take(3, FRAGMENTS_PER_LENGTH), 4: take(4, FRAGMENTS_PER_LENGTH) };
  const warmup = take(3, WARMUP_FRAGMENTS);
  // Shuffle so consecutive lookups do not walk the file order.
  for (let i = usccs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [usccs[i], usccs[j]] = [usccs[j]!, usccs[i]!];
  }
  return { fragments, warmup, usccs };
}
