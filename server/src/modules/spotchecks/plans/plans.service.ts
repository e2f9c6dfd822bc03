// The plans service: composes the generation, editing and approval, the lots and the suggestions.
import type { SpotcheckDraws } from '../draws.js';
import type { SpotchecksDeps } from '../spotchecks.deps.js';
import { makePlanEditing } from './editing.js';
import { makePlanGeneration } from './generation.js';
import { makePlanLots } from './lots.js';
import { makePlanCore } from './plans.shared.js';
import { makePlanSuggestions } from './suggestions.js';

export { DEFAULT_SCORE_WEIGHTS, MAX_BUDGET, MAX_LINE_BATCHES, MAX_SPECIAL_LINES, quarterEnd, windowOpenOf } from './plans.shared.js';
export type { GenerateInput, LotFilter, PlanPatch, SpecialPlanInput, SuggestionInput } from './plans.shared.js';

/**
 * 抽查计划 (README.md): the year-end generation of the annual plan, special plans, editing a draft
 * within its budget, approval (which splits the plan into quarterly lots) and closing; the lots;
 * county suggestions and their window.
 */
export function makePlansService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const core = makePlanCore(deps);
  return {
    ...makePlanGeneration(deps, core),
    ...makePlanEditing(deps, core),
    ...makePlanLots(deps),
    ...makePlanSuggestions(deps, core),
  };
}

export type PlansService = ReturnType<typeof makePlansService>;
