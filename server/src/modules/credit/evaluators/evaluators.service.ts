import type { CreditPartDeps } from '../credit.deps.js';

/** Third-party evaluator organisations, their accounts and ratings (see README.md). */
export function makeCreditEvaluators(deps: CreditPartDeps) {
  void deps;
  return {};
}

export type CreditEvaluators = ReturnType<typeof makeCreditEvaluators>;
