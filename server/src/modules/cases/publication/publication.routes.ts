// STUB (lead): the publication helper replaces this file.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { CasesServices } from '../cases.services.js';

export const publicationRoutes =
  (services: CasesServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async () => {
    void services, publicLimit;
  };
