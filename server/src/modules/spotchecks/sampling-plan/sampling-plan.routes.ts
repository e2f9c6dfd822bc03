import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** STUB (issue 19, being written): `GET /api/spotcheck/sampling-plan`. */
export const samplingPlanRoutes = (): FastifyPluginAsyncTypebox => async (app) => {
  void app;
};
