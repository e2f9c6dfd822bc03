import type { PortalDeps } from '../portal.deps.js';

/** See README.md. */
export function makeOpenData(deps: PortalDeps) {
  void deps;
  return {};
}

export type OpenData = ReturnType<typeof makeOpenData>;
