import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgs } from '../../platform/jurisdiction/jurisdiction.schema.js';

/** A bureau's name and the short name its document numbers carry (涟市监; the full name when it has none). */
export async function bureauOf(tx: Db, orgId: string): Promise<{ name: string; short: string }> {
  const [org] = await tx.select({ name: orgs.name, shortName: orgs.shortName }).from(orgs).where(eq(orgs.id, orgId));
  return { name: org?.name ?? '', short: org?.shortName?.trim() || org?.name || '' };
}
