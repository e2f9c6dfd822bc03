import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { campaignsRoutes } from './campaigns/campaigns.routes.js';
import type { CasesServices } from './cases.services.js';
import { clustersRoutes } from './clusters/clusters.routes.js';
import { decisionRoutes } from './decision/decision.routes.js';
import { exchangeRoutes } from './exchange/exchange.routes.js';
import { lifecycleRoutes } from './lifecycle/lifecycle.routes.js';
import { oversightRoutes } from './oversight/oversight.routes.js';
import { publicationRoutes } from './publication/publication.routes.js';

/** Every route of the cases module; public ones are limited per client (`publicLimit`). */
export const casesRoutes =
  (services: CasesServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(lifecycleRoutes(services));
    await app.register(decisionRoutes(services));
    await app.register(oversightRoutes(services));
    await app.register(publicationRoutes(services, publicLimit));
    await app.register(exchangeRoutes(services));
    await app.register(campaignsRoutes(services));
    await app.register(clustersRoutes(services));
  };
