import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { ComplaintsServices } from '../complaints.services.js';

/** Stub: registered by complaints.routes.ts, filled in by its part. */
export const publicComplaintsRoutes =
  (services: ComplaintsServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
    void publicLimit;
  };
