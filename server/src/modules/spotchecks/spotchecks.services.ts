import { makeCatalogueService } from './catalogue/catalogue.service.js';
import { makeSpotcheckDraws } from './draws.js';
import { makeInstitutionsService } from './institutions/institutions.service.js';
import { makeObjectionsService } from './objections/objections.service.js';
import { makePlansService } from './plans/plans.service.js';
import { makePublicationService } from './publication/publication.service.js';
import { makeSamplingService } from './sampling/sampling.service.js';
import type { SpotchecksDeps } from './spotchecks.deps.js';

/** The spot-check module's services, one per part (see README.md), wired together. */
export function makeSpotchecksServices(deps: SpotchecksDeps) {
  const draws = makeSpotcheckDraws(deps);
  const d = { ...deps, draws };
  const catalogue = makeCatalogueService(d);
  const plans = makePlansService(d);
  const institutions = makeInstitutionsService(d);
  const sampling = makeSamplingService(d);
  const objections = makeObjectionsService(d);
  const publication = makePublicationService(d);
  return { draws, catalogue, plans, institutions, sampling, objections, publication };
}

export type SpotchecksServices = ReturnType<typeof makeSpotchecksServices>;
