import type { CasesDeps } from './cases.deps.js';
import { makeCampaignsService } from './campaigns/campaigns.service.js';
import { makeClustersService } from './clusters/clusters.service.js';
import { makeDecideHandler } from './decision/decide.js';
import { makeDiscretionService } from './decision/discretion.service.js';
import { makeCaseDocuments } from './decision/documents.js';
import { makeExchangeService } from './exchange/exchange.service.js';
import { makeCasesService } from './lifecycle/cases.service.js';
import { makeLifecycleHandlers } from './lifecycle/handlers.js';
import { makeOversightHandlers } from './oversight/handlers.js';
import { makeOversightService } from './oversight/oversight.service.js';
import { makePublicationService } from './publication/publication.service.js';

/** The cases module's services, one per part (see README.md), wired together. */
export function makeCasesServices(deps: CasesDeps) {
  const documents = makeCaseDocuments(deps);
  const discretion = makeDiscretionService(deps);
  const publication = makePublicationService(deps);
  const handlers = { ...makeLifecycleHandlers(deps), decide: makeDecideHandler({ ...deps, discretion, publication }), ...makeOversightHandlers({ ...deps, documents }) };
  const cases = makeCasesService({ ...deps, handlers, documents });
  const oversight = makeOversightService({ ...deps, cases, documents });
  const exchange = makeExchangeService({ ...deps, cases });
  const campaigns = makeCampaignsService({ ...deps, cases });
  const clusters = makeClustersService({ ...deps, cases });
  return { cases, documents, discretion, publication, oversight, exchange, campaigns, clusters };
}

export type CasesServices = ReturnType<typeof makeCasesServices>;
