// STUB (lead): the clusters helper replaces this file.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CasesServices } from '../cases.services.js';

export const clustersRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
  };
