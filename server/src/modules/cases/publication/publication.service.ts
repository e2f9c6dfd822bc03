// STUB (lead): the publication helper replaces this file, keeping `schedule`.
import type { Db } from '../../../db/client.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import type { CaseRow } from '../lifecycle/actions.js';

export function makePublicationService(deps: CasesDeps) {
  void deps;
  return {
    /** Called by the decision in its transaction: the decision's publication row (pending, due in 20 working days; or not_published with its reason). */
    async schedule(tx: Db, ctx: Ctx, decided: CaseRow): Promise<void> {
      void tx, ctx, decided;
      throw new Error('not implemented');
    },
  };
}

export type PublicationService = ReturnType<typeof makePublicationService>;
