import type { Db } from '../../../db/client.js';
import type { ClassChangeCause } from '../credit.schema.js';
import type { CreditDeps } from '../credit.deps.js';

/** The credit model: versions, scoring, scores, overrides, class history (see README.md). */
export function makeCreditModel(deps: CreditDeps) {
  void deps;
  return {
    /**
     * Recomputes the score and the effective class (override, listing) of these enterprises in the
     * caller's transaction: writes their scores, class history and `enterprises.credit_class`.
     */
    async rescore(tx: Db, enterpriseIds: string[], cause: ClassChangeCause): Promise<void> {
      void tx;
      void enterpriseIds;
      void cause;
    },
  };
}

export type CreditModel = ReturnType<typeof makeCreditModel>;
