// STUB (lead): the decision helper replaces this file.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CasesServices } from '../cases.services.js';

export const decisionRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
  };
