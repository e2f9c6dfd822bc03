import type { PortalDeps } from '../portal.deps.js';

/** See README.md. */
export function makePortalNotices(deps: PortalDeps) {
  void deps;
  return {};
}

export type PortalNotices = ReturnType<typeof makePortalNotices>;
