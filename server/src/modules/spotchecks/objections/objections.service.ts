import type { SpotchecksDeps } from '../spotchecks.deps.js';
import type { SpotcheckDraws } from '../draws.js';

/** STUB (issue 19, being written): see ../README.md. */
export function makeObjectionsService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  void deps;
  return {};
}

export type ObjectionsService = ReturnType<typeof makeObjectionsService>;
