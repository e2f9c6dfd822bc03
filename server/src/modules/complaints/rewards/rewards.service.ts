import type { ComplaintsDeps } from '../complaints.deps.js';

/** Stub: filled in by the rewards part (see ../README.md). */
export function makeRewardsService(deps: ComplaintsDeps) {
  void deps;
  return {};
}

export type RewardsService = ReturnType<typeof makeRewardsService>;
