import type { ComplaintsDeps } from '../complaints.deps.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { Clocks } from './clocks.js';

/** Stub: filled in by the handling part (see ../README.md). */
export function makeHandlingService(deps: ComplaintsDeps & { routing: RoutingService; clocks: Clocks }) {
  void deps;
  return {};
}

export type HandlingService = ReturnType<typeof makeHandlingService>;
