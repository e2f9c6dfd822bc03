import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { todayInChina } from '../platform/calendar/dates.js';
import { users } from '../platform/users/users.schema.js';
import { enterprises } from '../modules/enterprises/index.js';
import { inspectionItems } from '../modules/inspections/inspections.schema.js';
import { ITEMS, walk } from './inspections.js';
import { DEMO_PASSWORD } from './users.js';

/** A demo enterprise's account: `ent.` and the first six of the USCC's last eight characters. */
export const demoAccountName = (uscc: string) => `ent.${uscc.slice(10, 16).toLowerCase()}`;

export interface DemoAccount {
  username: string;
  uscc: string;
  enterpriseName: string;
  /** What the demo shows with it: an open rectification order, or a published check. */
  shows: string;
}

/**
 * Enterprises' accounts (企业端) for the first two active enterprises of 涟水县 by credit code (the
 * seeded register makes them the same on every load), with DEMO_PASSWORD and no password change
 * asked, made by lianshui.officer as an officer would. Each gets a check after a complaint: the
 * first's left a rectification order open (to answer it), the second's is published and the
 * second has made a public quality commitment from the producers' template.
 */
export async function loadAccountsDemo(tx: Db, services: Services): Promise<{ accounts: DemoAccount[]; tasks: number }> {
  const people = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['lianshui.officer', 'lianshui.inspector']));
  const officerId = people.find((p) => p.username === 'lianshui.officer')?.id;
  const inspectorId = people.find((p) => p.username === 'lianshui.inspector')?.id;
  const [item] = await tx.select({ id: inspectionItems.id }).from(inspectionItems).where(eq(inspectionItems.name, ITEMS[0]!.name));
  if (!officerId || !inspectorId || !item) return { accounts: [], tasks: 0 };
  const officer = { actor: (await services.users.loadActor(officerId, tx)) as Actor } satisfies RequestContext;
  const picks = await tx
    .select({ uscc: enterprises.uscc, name: enterprises.name, legalRepresentative: enterprises.legalRepresentative })
    .from(enterprises)
    .where(and(eq(enterprises.regionCode, '320826'), eq(enterprises.status, 'active')))
    .orderBy(asc(enterprises.uscc))
    .limit(2);
  const accounts: DemoAccount[] = [];
  for (const [i, pick] of picks.entries()) {
    const username = demoAccountName(pick.uscc);
    const { user } = await services.accounts.create(officer, { uscc: pick.uscc, username, displayName: `${pick.name}（演示）`, phone: '13800000000' });
    await services.users.resetPassword(officer, user.userId, DEMO_PASSWORD, false);
    const task = await services.tasks.create(officer, { itemId: item.id, uscc: pick.uscc, origin: 'complaint', originNote: '12315 投诉举报：产品标签未标注生产许可证编号', inspectorIds: [inspectorId, officerId] });
    await walk(services, task.id, inspectorId, i === 0 ? 'rectifying' : 'published', officer, tx, true);
    if (i === 1) {
      const template = (await services.commitments.templates()).items.find((t) => t.kind === 'production');
      const enterprise = { actor: (await services.users.loadActor(user.userId, tx)) as Actor };
      if (template) await services.commitments.create(enterprise, { kind: 'production', text: template.text, signedBy: pick.legalRepresentative ?? '法定代表人', signedOn: todayInChina() });
    }
    accounts.push({ username, uscc: pick.uscc, enterpriseName: pick.name, shows: i === 0 ? '整改通知待报送 / an open rectification order' : '检查结果已公示、质量承诺 / a published check, a commitment' });
  }
  return { accounts, tasks: picks.length };
}
