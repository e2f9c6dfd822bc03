import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EquipmentServices } from '../equipment.services.js';

/** (Being built: see the module README.) */
export const periodicRoutes =
  (services: EquipmentServices): FastifyPluginAsyncTypebox =>
  async () => {
    void services;
  };
