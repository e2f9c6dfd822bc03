import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerClientLimit } from '../../../platform/http/rate-limit.js';
import type { SpotchecksServices } from '../spotchecks.services.js';
import { enterpriseViewRoutes } from './enterprise-view.routes.js';
import { lotDrawRoutes } from './lot-draw.routes.js';
import { resultRoutes } from './results.routes.js';
import { taskRoutes } from './tasks.routes.js';

/** Sampling (README.md of this folder): the lot's draw, sampling tasks, the 抽样单, results, the notice and its receipt, the enterprise's view. */
export const samplingRoutes =
  (services: SpotchecksServices, publicLimit: PerClientLimit): FastifyPluginAsyncTypebox =>
  async (app) => {
    void publicLimit; // no public route in this part (the draws' public record: draws.routes.ts)
    await app.register(lotDrawRoutes(services.sampling));
    await app.register(taskRoutes(services.sampling));
    await app.register(resultRoutes(services.sampling));
    await app.register(enterpriseViewRoutes(services));
  };
