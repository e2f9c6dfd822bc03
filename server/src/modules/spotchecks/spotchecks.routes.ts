import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { catalogueRoutes } from './catalogue/catalogue.routes.js';
import { drawsRoutes } from './draws.routes.js';
import { institutionsRoutes } from './institutions/institutions.routes.js';
import { objectionsRoutes } from './objections/objections.routes.js';
import { plansRoutes } from './plans/plans.routes.js';
import { publicationRoutes } from './publication/publication.routes.js';
import { samplingPlanRoutes } from './sampling-plan/sampling-plan.routes.js';
import { samplingRoutes } from './sampling/sampling.routes.js';
import type { SpotchecksServices } from './spotchecks.services.js';

/** Every route of the spot-check module; public ones are limited per client (`publicLimit`). */
export const spotchecksRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(samplingPlanRoutes());
    await app.register(catalogueRoutes(services, publicLimit));
    await app.register(plansRoutes(services, publicLimit));
    await app.register(institutionsRoutes(services, publicLimit));
    await app.register(samplingRoutes(services, publicLimit));
    await app.register(objectionsRoutes(services, publicLimit));
    await app.register(publicationRoutes(services, publicLimit));
    await app.register(drawsRoutes(services, publicLimit));
  };
