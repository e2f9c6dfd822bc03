// STUB (lead): the oversight helper replaces this file.
import type { CasesDeps } from '../cases.deps.js';
import type { CaseDocuments } from '../decision/documents.js';
import type { CasesService } from '../lifecycle/cases.service.js';

export function makeOversightService(deps: CasesDeps & { cases: CasesService; documents: CaseDocuments }) {
  void deps;
  return {};
}
