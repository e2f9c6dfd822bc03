// STUB (lead): the oversight helper replaces this file.
import type { CasesDeps } from '../cases.deps.js';
import type { CaseDocuments } from '../decision/documents.js';
import type { ActionHandlers } from '../lifecycle/actions.js';

export function makeOversightHandlers(deps: CasesDeps & { documents: CaseDocuments }): ActionHandlers {
  void deps;
  return {};
}
