// STUB (lead): the clusters helper replaces this file.
import type { CasesDeps } from '../cases.deps.js';
import type { CasesService } from '../lifecycle/cases.service.js';

export function makeClustersService(deps: CasesDeps & { cases: CasesService }) {
  void deps;
  return {};
}
