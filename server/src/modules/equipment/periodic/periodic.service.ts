import type { EquipmentDeps } from '../equipment.deps.js';

/** (Being built: see the module README.) */
export function makePeriodicService(deps: EquipmentDeps) {
  void deps;
  return {};
}

export type PeriodicService = ReturnType<typeof makePeriodicService>;
