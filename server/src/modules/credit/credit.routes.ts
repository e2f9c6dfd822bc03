import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { archiveRoutes } from './archive/archive.routes.js';
import type { CreditServices } from './credit.services.js';
import { evaluatorsRoutes } from './evaluators/evaluators.routes.js';
import { jointRoutes } from './joint/joint.routes.js';
import { listingsRoutes } from './listings/listings.routes.js';
import { modelRoutes } from './model/model.routes.js';

/** Every route of the credit module; public ones are limited per client (`publicLimit`). */
export const creditRoutes =
  (services: CreditServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(modelRoutes(services, publicLimit));
    await app.register(listingsRoutes(services, publicLimit));
    await app.register(evaluatorsRoutes(services, publicLimit));
    await app.register(jointRoutes(services, publicLimit));
    await app.register(archiveRoutes(services, publicLimit));
  };
