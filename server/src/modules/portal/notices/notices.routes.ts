import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { PortalServices } from '../portal.services.js';

/** Routes of the notices part. */
export const noticesRoutes =
  (services: PortalServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void services;
    void publicLimit;
    void app;
  };
