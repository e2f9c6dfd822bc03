import type { CreditClass } from '../modules/enterprises/enterprises.schema.js';
import { makeRng, weighted } from './random.js';

/** The shares of the synthetic classes: A 30 %, B 50 %, C 15 %, D 5 % (four non-empty strata, none unclassified). */
export const SYNTHETIC_CREDIT_WEIGHTS: readonly (readonly [CreditClass, number])[] = [['A', 30], ['B', 50], ['C', 15], ['D', 5]];

/**
 * Gives generated enterprises a random credit class, for benches and tests that need every class
 * stratum filled without running the credit model. The demo never does: its classes are the
 * credit model's, computed after loading (demo/credit.ts).
 */
export function* withSyntheticCreditClass<T>(rows: Iterable<T>, seed: number): Generator<T & { creditClass: CreditClass }> {
  const rng = makeRng(seed);
  const pick = weighted(SYNTHETIC_CREDIT_WEIGHTS);
  for (const row of rows) yield { ...row, creditClass: pick(rng) };
}
