import type { ComplaintsDeps } from '../complaints.deps.js';

/** Stub: filled in by the stats part (see ../README.md). */
export function makeStatsService(deps: ComplaintsDeps) {
  void deps;
  return {};
}

export type StatsService = ReturnType<typeof makeStatsService>;
