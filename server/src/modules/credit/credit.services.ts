import { makeCreditArchive } from './archive/archive.service.js';
import type { CreditDeps } from './credit.deps.js';
import { makeCreditEvaluators } from './evaluators/evaluators.service.js';
import { makeCreditJoint } from './joint/joint.service.js';
import { makeCreditListings } from './listings/listings.service.js';
import { makeCreditModel } from './model/model.service.js';

/** The credit module's services, one per part (see README.md), wired together. */
export function makeCreditServices(deps: CreditDeps) {
  const model = makeCreditModel(deps);
  const d = { ...deps, model };
  const listings = makeCreditListings(d);
  const evaluators = makeCreditEvaluators(d);
  const joint = makeCreditJoint(d);
  const archive = makeCreditArchive(d);
  return { model, listings, evaluators, joint, archive };
}

export type CreditServices = ReturnType<typeof makeCreditServices>;
