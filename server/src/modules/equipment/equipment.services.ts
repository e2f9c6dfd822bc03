import type { EquipmentDeps } from './equipment.deps.js';
import { makeHazardsService } from './hazards/hazards.service.js';
import { makeOperatorsService } from './operators/operators.service.js';
import { makePeriodicService } from './periodic/periodic.service.js';
import { makeRegistryService } from './registry/registry.service.js';
import { makeSupervisionService } from './supervision/supervision.service.js';
import { makeTiersService } from './tiers/tiers.service.js';

/** The special-equipment module's services, one per part (see README.md), wired together. */
export function makeEquipmentServices(deps: EquipmentDeps) {
  const registry = makeRegistryService(deps);
  const periodic = makePeriodicService(deps);
  const operators = makeOperatorsService(deps);
  const hazards = makeHazardsService(deps);
  const supervision = makeSupervisionService({ ...deps, hazards });
  const tiers = makeTiersService(deps);
  return { registry, periodic, operators, hazards, supervision, tiers };
}

export type EquipmentServices = ReturnType<typeof makeEquipmentServices>;
