import type { CreditPartDeps } from '../credit.deps.js';

/** Joint punishment: departments' batch checks and their report-back (see README.md). */
export function makeCreditJoint(deps: CreditPartDeps) {
  void deps;
  return {};
}

export type CreditJoint = ReturnType<typeof makeCreditJoint>;
