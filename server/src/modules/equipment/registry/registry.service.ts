import type { EquipmentDeps } from '../equipment.deps.js';

/** (Being built: see the module README.) */
export function makeRegistryService(deps: EquipmentDeps) {
  void deps;
  return {};
}

export type RegistryService = ReturnType<typeof makeRegistryService>;
