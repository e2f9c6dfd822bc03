import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { SpotchecksServices } from '../spotchecks.services.js';

/** STUB (issue 19, being written). */
export const institutionsRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void services;
    void publicLimit;
    void app;
  };
