import type { EquipmentDeps } from '../equipment.deps.js';
import { makeDueList } from './due-list.js';
import { makeDueRules } from './due-rules.js';
import { makeDueTodos } from './due-todos.js';
import { makeInspections } from './inspections.js';
import { makeStats } from './stats.js';

/**
 * Periodic inspection of special equipment (特种设备安全法 §40): the due rules, inspections
 * recorded, the due list, the daily due job and its to-dos, the dashboard figures (README.md).
 */
export function makePeriodicService(deps: EquipmentDeps) {
  return {
    rules: makeDueRules(deps),
    inspections: makeInspections(deps),
    due: makeDueList(deps),
    dueTodos: makeDueTodos(deps),
    stats: makeStats(deps),
  };
}

export type PeriodicService = ReturnType<typeof makePeriodicService>;
