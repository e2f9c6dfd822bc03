import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ComplaintsServices } from '../complaints.services.js';

/** Stub: registered by complaints.routes.ts, filled in by its part. */
export const handlingRoutes =
  (services: ComplaintsServices): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
  };
