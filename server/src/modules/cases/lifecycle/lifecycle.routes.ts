// STUB (lead): the lifecycle helper replaces this file.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CasesServices } from '../cases.services.js';

export const lifecycleRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
  };
