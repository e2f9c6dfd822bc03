import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../platform/http/rate-limit.js';
import { noticesRoutes } from './notices/notices.routes.js';
import { openDataRoutes } from './open-data/open-data.routes.js';
import type { PortalServices } from './portal.services.js';
import { siteRoutes } from './site/site.routes.js';

/** Every route of the portal module; public ones are limited per client (`publicLimit`). */
export const portalRoutes =
  (services: PortalServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(noticesRoutes(services, publicLimit));
    await app.register(openDataRoutes(services, publicLimit));
    await app.register(siteRoutes(services, publicLimit));
  };
