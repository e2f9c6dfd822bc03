import type { ComplaintsDeps } from '../complaints.deps.js';
import type { Clocks } from '../handling/clocks.js';
import type { RoutingService } from '../routing/routing.service.js';

/** Stub: filled in by the intake part (see ../README.md). */
export function makeIntakeService(deps: ComplaintsDeps & { routing: RoutingService; clocks: Clocks }) {
  void deps;
  return {};
}

export type IntakeService = ReturnType<typeof makeIntakeService>;
