// STUB (lead): the decision helper replaces this file.
import type { CasesDeps } from '../cases.deps.js';
import type { ActionHandler } from '../lifecycle/actions.js';
import type { PublicationService } from '../publication/publication.service.js';
import type { DiscretionService } from './discretion.service.js';

export function makeDecideHandler(deps: CasesDeps & { discretion: DiscretionService; publication: PublicationService }): ActionHandler | undefined {
  void deps;
  return undefined;
}
