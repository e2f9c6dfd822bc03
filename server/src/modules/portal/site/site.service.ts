import type { PortalDeps } from '../portal.deps.js';

/** Who runs the public site: the city bureau at the root of the org tree (site/README.md). */
export interface SiteInfo {
  bureauName: string | null;
  regionCode: string | null;
  /** The bureau's address and phone for the public, as its org record gives them (null: not shown). */
  address: string | null;
  phone: string | null;
}

/** The public site's facts that every public page shows (its footer names the bureau and its contact). */
export function makeSite(deps: Pick<PortalDeps, 'jurisdiction'>) {
  return {
    async info(): Promise<SiteInfo> {
      const root = await deps.jurisdiction.rootOrg();
      return { bureauName: root?.name ?? null, regionCode: root?.regionCode ?? null, address: root?.address ?? null, phone: root?.phone ?? null };
    },
  };
}
