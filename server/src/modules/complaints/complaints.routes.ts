import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import type { ComplaintsServices } from './complaints.services.js';
import { enterpriseComplaintsRoutes } from './handling/enterprise.routes.js';
import { handlingRoutes } from './handling/handling.routes.js';
import { intakeRoutes } from './intake/intake.routes.js';
import { publicComplaintsRoutes } from './intake/public.routes.js';
import { transferImportRoutes } from './intake/transfer-import.routes.js';
import { open311Routes } from './open311/open311.routes.js';
import { rewardsRoutes } from './rewards/rewards.routes.js';
import { routingRoutes } from './routing/routing.routes.js';
import { statsRoutes } from './stats/stats.routes.js';

/** Every route of the complaints module; public ones are limited per client (`publicLimit`). */
export const complaintsRoutes =
  (services: ComplaintsServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(publicComplaintsRoutes(services, publicLimit));
    await app.register(open311Routes(services, publicLimit));
    await app.register(intakeRoutes(services));
    await app.register(transferImportRoutes(services));
    await app.register(handlingRoutes(services));
    await app.register(enterpriseComplaintsRoutes(services));
    await app.register(routingRoutes(services, publicLimit));
    await app.register(rewardsRoutes(services));
    await app.register(statsRoutes(services));
  };
