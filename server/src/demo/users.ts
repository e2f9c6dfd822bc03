import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { BUILTIN_ROLES } from '../platform/access/permissions.js';
import { orgs, regions } from '../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../platform/users/users.schema.js';
import type { UsersService } from '../platform/users/users.service.js';
import { LICENCE_TYPE_SEEDS } from '../modules/licences/licence-types.js';
import { DEMO_REGIONS } from './places.js';

/** The documented password of every demo user (they need not change it at first log-in). */
export const DEMO_PASSWORD = 'Demo#2026pass';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  orgId: string;
  orgName: string;
}

/** Refusal to load demo data into a database that already holds data. */
export class DemoRefusedError extends Error {}

const SLUGS = new Map(DEMO_REGIONS.map((r) => [r.code, r.slug]));

/**
 * The demo accounts: in the city bureau `demo.admin` and one user per other built-in role
 * (`city.officer`, `city.inspector`, `city.institution`…); in each county bureau a
 * `county_officer` and an `inspector` (`lianshui.officer`, `lianshui.inspector`). The section head
 * sits in the section owning the industrial production licence, whose measures it approves.
 */
export async function planDemoUsers(tx: Db): Promise<DemoUser[]> {
  const bureaus = await tx
    .select({ id: orgs.id, name: orgs.name, type: orgs.type, regionCode: orgs.regionCode, regionName: regions.name })
    .from(orgs)
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .where(and(inArray(orgs.type, ['city_bureau', 'county_bureau', 'city_section']), eq(orgs.active, true)))
    .orderBy(asc(orgs.regionCode), asc(orgs.createdAt));
  const city = bureaus.find((b) => b.type === 'city_bureau');
  if (!city) throw new DemoRefusedError('The jurisdiction has no city bureau to put the demo users in.');
  const plan: DemoUser[] = [];
  const add = (org: (typeof bureaus)[number], username: string, roleKey: string) => {
    if (plan.some((u) => u.username === username)) return;
    const roleName = BUILTIN_ROLES.find((r) => r.key === roleKey)?.name ?? roleKey;
    plan.push({ username, displayName: `${org.regionName}${roleName}（演示）`, roles: [roleKey], orgId: org.id, orgName: org.name });
  };
  const headSection = bureaus.find((b) => b.type === 'city_section' && b.name === LICENCE_TYPE_SEEDS[0]!.sectionName) ?? city;
  add(city, 'demo.admin', 'admin');
  // Enterprises' accounts are made for demo enterprises by the accounts module (demo/accounts.ts).
  for (const role of BUILTIN_ROLES.filter((r) => r.dataScope !== 'enterprise')) {
    if (role.key !== 'admin') add(role.key === 'section_head' ? headSection : city, `city.${role.key.replace(/^city_/, '')}`, role.key);
  }
  for (const bureau of bureaus.filter((b) => b.type === 'county_bureau')) {
    const slug = SLUGS.get(bureau.regionCode) ?? `r${bureau.regionCode}`;
    add(bureau, `${slug}.officer`, 'county_officer');
    add(bureau, `${slug}.inspector`, 'inspector');
  }
  return plan;
}

/** Refuses when any planned username is taken (a previous demo load, or a real account). */
export async function assertUsernamesFree(tx: Db, plan: DemoUser[]): Promise<void> {
  const taken = await tx.select({ username: users.username }).from(users).where(inArray(users.username, plan.map((u) => u.username)));
  if (taken.length > 0) {
    throw new DemoRefusedError(`Refusing to load demo data: the database is not empty (users ${taken.map((t) => t.username).join(', ')} already exist).`);
  }
}

/** Creates the planned users through the users service (audited), with DEMO_PASSWORD. */
export async function createDemoUsers(tx: Db, service: UsersService, ctx: RequestContext & { actor: Actor }, plan: DemoUser[]): Promise<void> {
  for (const u of plan) {
    await service.create(ctx, { username: u.username, password: DEMO_PASSWORD, displayName: u.displayName, orgId: u.orgId, roles: u.roles, mustChangePassword: false }, tx);
  }
}
