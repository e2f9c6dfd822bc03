import { makePortalNotices } from './notices/notices.service.js';
import { makeOpenData } from './open-data/open-data.service.js';
import type { PortalDeps } from './portal.deps.js';
import { makeSite } from './site/site.service.js';

/** The portal module's services (see README.md). */
export function makePortalServices(deps: PortalDeps) {
  return { notices: makePortalNotices(deps), openData: makeOpenData(deps), site: makeSite(deps) };
}

export type PortalServices = ReturnType<typeof makePortalServices>;
