import type { EquipmentDeps } from '../equipment.deps.js';

/** (Being built: see the module README.) */
export function makeTiersService(deps: EquipmentDeps) {
  void deps;
  return {};
}

export type TiersService = ReturnType<typeof makeTiersService>;
