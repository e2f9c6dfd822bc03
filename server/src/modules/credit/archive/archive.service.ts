import type { CreditPartDeps } from '../credit.deps.js';

/** The credit archive of an enterprise: summary, timeline, .docx and .pdf report (see README.md). */
export function makeCreditArchive(deps: CreditPartDeps) {
  void deps;
  return {};
}

export type CreditArchive = ReturnType<typeof makeCreditArchive>;
