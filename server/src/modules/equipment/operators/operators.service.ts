import type { EquipmentDeps } from '../equipment.deps.js';

/** (Being built: see the module README.) */
export function makeOperatorsService(deps: EquipmentDeps) {
  void deps;
  return {};
}

export type OperatorsService = ReturnType<typeof makeOperatorsService>;
