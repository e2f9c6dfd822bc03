import type { CreditPartDeps } from '../credit.deps.js';

/** The dishonest list: proposals, advance notice, decisions, publication, removal, credit repair (see README.md). */
export function makeCreditListings(deps: CreditPartDeps) {
  void deps;
  return {};
}

export type CreditListings = ReturnType<typeof makeCreditListings>;
