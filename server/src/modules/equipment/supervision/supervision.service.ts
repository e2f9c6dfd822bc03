import type { EquipmentDeps } from '../equipment.deps.js';

/** (Being built: see the module README.) */
export function makeSupervisionService(deps: EquipmentDeps) {
  void deps;
  return {};
}

export type SupervisionService = ReturnType<typeof makeSupervisionService>;
