import { and, asc, eq, inArray } from 'drizzle-orm';
import { users } from '../platform/users/users.schema.js';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { enterprises } from '../modules/enterprises/index.js';
import { inspectionTasks } from '../modules/inspections/tasks/tasks.schema.js';
import { DEMO_PASSWORD } from './users.js';

/** A demo enterprise's account: `ent.` and the first six of the USCC's last eight characters. */
export const demoAccountName = (uscc: string) => `ent.${uscc.slice(10, 16).toLowerCase()}`;

export interface DemoAccount {
  username: string;
  uscc: string;
  enterpriseName: string;
  /** What the demo shows with it: an open rectification order, a published check, a commitment. */
  shows: string;
}

/**
 * Enterprises' accounts (企业端) for a few demo enterprises of 涟水县, with DEMO_PASSWORD and no
 * password change asked: one whose check left a rectification order open (to answer it), one
 * with a published check, each made by the county officer as an officer would.
 */
export async function loadAccountsDemo(tx: Db, services: Services, admin: RequestContext & { actor: Actor }): Promise<DemoAccount[]> {
  const [county] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'lianshui.officer'));
  const countyActor = county && (await services.users.loadActor(county.id, tx));
  const officer = countyActor ? { actor: countyActor } : admin;
  const rows = await tx
    .select({ uscc: enterprises.uscc, name: enterprises.name, state: inspectionTasks.state })
    .from(inspectionTasks)
    .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
    .where(and(inArray(inspectionTasks.state, ['rectifying', 'published']), eq(inspectionTasks.regionCode, '320826')))
    .orderBy(asc(inspectionTasks.state), asc(enterprises.uscc));
  const picks = [rows.find((r) => r.state === 'rectifying'), rows.find((r) => r.state === 'published')].filter((r) => r !== undefined);
  const made: DemoAccount[] = [];
  for (const pick of picks) {
    if (made.some((m) => m.uscc === pick.uscc)) continue;
    const username = demoAccountName(pick.uscc);
    const { user } = await services.accounts.create(officer, { uscc: pick.uscc, username, displayName: `${pick.name}（演示）`, phone: '13800000000' });
    await services.users.resetPassword(officer, user.userId, DEMO_PASSWORD, false);
    made.push({ username, uscc: pick.uscc, enterpriseName: pick.name, shows: pick.state === 'rectifying' ? '整改通知待报送 / an open rectification order' : '检查结果已公示 / a published check' });
  }
  return made;
}
