import type { ComplaintsDeps } from '../complaints.deps.js';

/** Stub: filled in by the routing part (see ../README.md). */
export function makeRoutingService(deps: ComplaintsDeps) {
  void deps;
  return {};
}

export type RoutingService = ReturnType<typeof makeRoutingService>;
