import type { PortalDeps } from '../portal.deps.js';

/** Who runs the public site: the city bureau at the root of the org tree (site/README.md). */
export interface SiteInfo {
  bureauName: string | null;
  regionCode: string | null;
}

/** The public site's facts that every public page shows (its footer names the bureau). */
export function makeSite(deps: Pick<PortalDeps, 'jurisdiction'>) {
  return {
    async info(): Promise<SiteInfo> {
      const root = await deps.jurisdiction.rootOrg();
      return { bureauName: root?.name ?? null, regionCode: root?.regionCode ?? null };
    },
  };
}
