// The sampling service: composes the lot's draw, the tasks and 抽样单, the results and notices, and the enterprise's view.
import type { SpotcheckDraws } from '../draws.js';
import type { SpotchecksDeps } from '../spotchecks.deps.js';
import { makeEnterpriseSamples } from './enterprise-view.js';
import { makeLotDraws } from './lot-draw.js';
import { makeSampleResults } from './results.js';
import { makeSamples } from './sampling.shared.js';
import { makeSamplingTasks } from './tasks.js';

export { MAX_FILES_PER_SAMPLE, MAX_SAMPLERS, MAX_SEALS, RECEIPT_TODO, SAMPLING_TODO, STRATUM } from './sampling.shared.js';
export type { RecordInput, ResultInput, SampleFilter } from './sampling.shared.js';

/**
 * Sampling (README.md of this folder): the draw of a lot's enterprises with the repeat rule, the
 * sampling tasks (≥ 2 samplers), the 抽样单 with its photos and signatures, the institution's
 * results, the 检验结果通知书 and its receipt (the objection window), the final conclusion when the
 * window passes without an objection, and the enterprise's view.
 */
export function makeSamplingService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const samples = makeSamples(deps);
  return {
    ...makeLotDraws(deps, samples),
    ...makeSamplingTasks(deps, samples),
    ...makeSampleResults(deps, samples),
    /** The enterprise's side (企业端): its notified samples, the notice, its receipt. */
    my: makeEnterpriseSamples(deps, samples),
  };
}

export type SamplingService = ReturnType<typeof makeSamplingService>;
