// STUB (lead): the exchange helper replaces this file.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CasesServices } from '../cases.services.js';

export const exchangeRoutes =
  (services: CasesServices): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
  };
