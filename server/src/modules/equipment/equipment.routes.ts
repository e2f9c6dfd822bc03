import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EquipmentServices } from './equipment.services.js';
import { hazardsRoutes } from './hazards/hazards.routes.js';
import { operatorsRoutes } from './operators/operators.routes.js';
import { periodicRoutes } from './periodic/periodic.routes.js';
import { registryRoutes } from './registry/registry.routes.js';
import { supervisionRoutes } from './supervision/supervision.routes.js';
import { tiersRoutes } from './tiers/tiers.routes.js';

/** Every route of the special-equipment module (特种设备), one plugin per part. */
export const equipmentRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(registryRoutes(services));
    await app.register(periodicRoutes(services));
    await app.register(operatorsRoutes(services));
    await app.register(hazardsRoutes(services));
    await app.register(supervisionRoutes(services));
    await app.register(tiersRoutes(services));
  };
