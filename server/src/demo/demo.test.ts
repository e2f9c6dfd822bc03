import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServices } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { draws } from '../modules/inspections/inspections.schema.js';
import { TASK_STATES, inspectionTasks } from '../modules/inspections/tasks/tasks.schema.js';
import { auditEvents } from '../platform/audit/audit.schema.js';
import { verifyPassword } from '../platform/auth/password.js';
import { TEST_SECRET_KEY } from '../test/app.js';
import { openTestDatabase } from '../test/database.js';
import { DEMO_PASSWORD, DemoRefusedError, demoCount, loadDemo } from './load-demo.js';

describe('loadDemo', () => {
  const config = loadConfig({}, { jobs: false, adminPassword: 'Admin#Test2026', secretKey: TEST_SECRET_KEY, auditAnchorDir: '/nonexistent/audit-anchors' });
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it('creates the demo users and enterprises, audited once, and refuses a second run', async () => {
    const summary = await loadDemo({ database, config, count: 1000, equipmentUnits: 500 });
    expect(summary.enterprises).toBe(1000);
    expect(summary.licences).toBeGreaterThan(10);
    const services = makeServices(database, config);

    const officer = await services.users.byUsername('lianshui.officer');
    expect(officer).toMatchObject({ mustChangePassword: false, regionCode: '320826' });
    expect(await verifyPassword(officer!.passwordHash, DEMO_PASSWORD)).toBe(true);
    const actor = await services.users.loadActor(officer!.id);
    expect(actor).toMatchObject({ roles: ['county_officer'], dataScope: 'region' });
    const usernames = summary.users.map((u) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['demo.admin', 'city.officer', 'city.inspector', 'city.institution', 'kaifaqu.inspector', 'xuyi.officer']));
    expect(usernames).not.toContain('city.admin');
    expect((await services.users.loadActor((await services.users.byUsername('demo.admin'))!.id))!.roles).toEqual(['admin']);

    const [{ n }] = (await database.db.select({ n: count() }).from(enterprises)) as [{ n: number }];
    expect(n).toBe(1000);
    const loaded = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'demo.loaded'));
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.after).toMatchObject({ enterprises: 1000, licences: summary.licences });
    expect((await services.audit.verify(database.db)).ok).toBe(true);

    // Random inspections: a revealed draw whose tasks stand in every state, published results.
    const tasks = await database.db.select({ state: inspectionTasks.state, origin: inspectionTasks.origin }).from(inspectionTasks);
    expect(new Set(tasks.map((t) => t.state))).toEqual(new Set(TASK_STATES));
    expect(tasks.some((t) => t.origin === 'complaint')).toBe(true);
    // Draws of zhijian-draw/2: two revealed, one committed and waiting for its ceremony.
    const page = { page: 1, pageSize: 10 };
    const revealed = await services.drawRecords.publicList({ status: 'revealed' }, page);
    expect(revealed.items.length).toBeGreaterThanOrEqual(2);
    expect((await services.drawRecords.publicList({ status: 'committed' }, page)).items.length).toBe(1);
    const [draw] = await database.db.select({ version: draws.version }).from(draws).where(eq(draws.id, revealed.items[0]!.id));
    expect(draw!.version).toBe('zhijian-draw/2');
    expect((await services.inspectionPublication.results({}, { page: 1, pageSize: 10 })).total).toBeGreaterThanOrEqual(2);
    expect(summary.inspections.tasks).toBe(tasks.length);

    // Enterprises' accounts (企业端): the demo password, no change asked, one with an open rectification order.
    expect(summary.accounts.map((a) => a.username)).toEqual(summary.accounts.map((a) => `ent.${a.uscc.slice(10, 16).toLowerCase()}`));
    expect(summary.accounts.some((a) => a.shows.startsWith('整改通知待报送'))).toBe(true);
    const committed = summary.accounts.find((a) => a.shows.includes('质量承诺'))!;
    expect((await services.publicLookup(committed.uscc)).commitments).toHaveLength(1);
    for (const a of summary.accounts) {
      const account = await services.users.byUsername(a.username);
      expect(account).toMatchObject({ enterpriseUscc: a.uscc, mustChangePassword: false });
      expect(await verifyPassword(account!.passwordHash, DEMO_PASSWORD)).toBe(true);
    }

    await expect(loadDemo({ database, config, count: 10 })).rejects.toThrow(DemoRefusedError);
    await expect(loadDemo({ database, config, count: 10 })).rejects.toThrow(/not empty/);
  }, 120_000);
});

describe('demoCount', () => {
  it('reads ZJ_DEMO_ENTERPRISES', () => {
    expect(demoCount(undefined)).toBe(5000);
    expect(demoCount('1000000')).toBe(1_000_000);
    expect(() => demoCount('lots')).toThrow(/ZJ_DEMO_ENTERPRISES/);
  });
});
