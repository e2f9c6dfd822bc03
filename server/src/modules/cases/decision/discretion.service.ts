// STUB (lead): the decision helper replaces this file.
import type { CasesDeps } from '../cases.deps.js';

export function makeDiscretionService(deps: CasesDeps) {
  void deps;
  return {};
}

export type DiscretionService = ReturnType<typeof makeDiscretionService>;
