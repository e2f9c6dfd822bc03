import type { EquipmentDeps } from '../equipment.deps.js';

/** (Being built: see the module README.) */
export function makeHazardsService(deps: EquipmentDeps) {
  void deps;
  return {};
}

export type HazardsService = ReturnType<typeof makeHazardsService>;
