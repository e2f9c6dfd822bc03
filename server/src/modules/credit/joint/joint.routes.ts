import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { CreditServices } from '../credit.services.js';

/** Routes of the joint part. */
export const jointRoutes =
  (services: CreditServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void services;
    void publicLimit;
    void app;
  };
