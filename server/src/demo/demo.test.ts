import { count, eq, inArray, sql } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServices } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { verifyDrawRecord } from '../../../packages/draw-verify/zhijian-verify.mjs';
import { CASE_STAGES, cases } from '../modules/cases/cases.schema.js';
import { caseParties, caseProgressReports, caseTransfers } from '../modules/cases/oversight/oversight.schema.js';
import { creditRatings, creditRepairs } from '../modules/credit/credit.schema.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { openDataFiles } from '../modules/portal/portal.schema.js';
import { draws } from '../modules/inspections/inspections.schema.js';
import { TASK_STATES, inspectionTasks } from '../modules/inspections/tasks/tasks.schema.js';
import { auditEvents } from '../platform/audit/audit.schema.js';
import { verifyPassword } from '../platform/auth/password.js';
import { todayInChina } from '../platform/calendar/dates.js';
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

    // Enforcement cases (issue 18): every stage, supervised with an overdue report, joint with an outside bureau, transferred, published decisions.
    const all = await database.db.select().from(cases);
    expect(new Set(all.map((c) => c.stage))).toEqual(new Set(CASE_STAGES));
    expect(new Set(all.map((c) => c.regionCode)).size).toBeGreaterThanOrEqual(7);
    // spot_check: the spot-check demo refers a failed sample's follow-up to a case (demo/spotchecks.ts).
    expect(new Set(all.map((c) => c.leadSource))).toEqual(new Set(['unlicensed_lead', 'complaint', 'equipment_hazard', 'inspection_finding', 'department', 'manual', 'spot_check']));
    expect(summary.cases.cases + (summary.spotchecks.referredCase ? 1 : 0)).toBe(all.length);
    const supervised = all.filter((c) => c.supervised);
    expect(supervised).toHaveLength(1);
    const reports = await database.db.select().from(caseProgressReports).where(eq(caseProgressReports.caseId, supervised[0]!.id));
    expect(reports.some((r) => !r.reportedOn && r.dueOn < todayInChina())).toBe(true);
    const parties = await database.db.select().from(caseParties);
    expect(parties.filter((p) => p.externalName === '宿迁市宿城区市场监督管理局')).toHaveLength(1);
    expect(all.filter((c) => c.joint)).toHaveLength(1);
    const transfers = await database.db.select().from(caseTransfers);
    expect(transfers.length).toBeGreaterThanOrEqual(1);
    expect(transfers.every((t) => t.receiptNo)).toBe(true);
    const cityOfficer = (await services.users.loadActor((await services.users.byUsername('city.officer'))!.id))!;
    for (const c of all.filter((x) => x.stage !== 'lead' && x.stage !== 'declined')) expect(c.investigatorIds.length).toBeGreaterThanOrEqual(2);
    const penalties = await services.cases.publication.publicList({}, { page: 1, pageSize: 100 });
    expect(penalties.items.length).toBe(summary.cases.published.short + summary.cases.published.long);
    expect(summary.cases.published.short).toBeGreaterThanOrEqual(1);
    expect(summary.cases.published.long).toBeGreaterThanOrEqual(1);
    expect(penalties.items[0]).toMatchObject({ documentNo: expect.stringMatching(/罚〔\d{4}〕\d+号$/), penalty: expect.stringContaining('罚款人民币') });
    // The campaign's lottery: revealed, zhijian-draw/2, the public record verifies; its tasks made.
    const campaigns = await services.cases.campaigns.list(cityOfficer, {}, page);
    expect(campaigns.items).toHaveLength(1);
    const campaign = await services.cases.campaigns.get(cityOfficer, campaigns.items[0]!.id);
    expect(campaign.draws).toEqual([expect.objectContaining({ id: summary.cases.campaign!.drawId, status: 'revealed' })]);
    const [campaignDraw] = await database.db.select({ version: draws.version }).from(draws).where(eq(draws.id, summary.cases.campaign!.drawId));
    expect(campaignDraw!.version).toBe('zhijian-draw/2');
    const doc = await services.drawRecords.publicDocument(summary.cases.campaign!.drawId);
    expect(await verifyDrawRecord(JSON.parse(gunzipSync(doc.body).toString('utf8')))).toMatchObject({ ok: true, status: 'revealed' });
    expect(campaign.tasks.total).toBe(summary.cases.campaign!.selected);
    // The cluster with its risk notice awaiting the government's reply.
    const clusters = await services.cases.clusters.list(cityOfficer, {}, page);
    expect(clusters.items.map((c) => c.name)).toEqual(['盱眙凹土产业集群']);
    const notices = await services.cases.clusters.notices(cityOfficer, clusters.items[0]!.id, page);
    expect(notices.items).toEqual([expect.objectContaining({ government: '盱眙县人民政府', status: 'awaiting_reply' })]);
    // Its page shows the members' spot checks: at least the two of the spot-check demo's special plan (one failed, followed up);
    // with a small register the annual plan's draws may hit members too.
    const overview = await services.cases.clusters.overview(cityOfficer, clusters.items[0]!.id);
    const clay = overview.spotChecks.items.filter((r) => r.productName === '凹土干燥剂');
    expect(clay.map((r) => r.sampleNo).sort()).toEqual([...summary.spotchecks.cluster].sort());
    expect(clay.map((r) => [r.finalConclusion, r.followupStage]).sort()).toEqual([['fail', 'ordered'], ['pass', null]]);
    expect(overview.spotChecks.failed).toBeGreaterThanOrEqual(1);

    // Spot checks (issue 19): 40 products and the cluster's, three institutions with accounts, this year's results above and at 95 %, a published bulletin.
    expect(summary.spotchecks).toMatchObject({ products: 41, aboveRule: expect.arrayContaining([expect.stringContaining('JC-001')]), atRule: expect.stringContaining('JC-002'), bulletinNo: expect.stringMatching(/抽公〔\d{4}〕1号$/) });
    expect(summary.spotchecks.institutions.map((i) => i.username)).toEqual(['inst.huaian', 'inst.fibre', 'inst.jiangsu']);
    expect(Object.keys(summary.spotchecks.samplesByStatus).sort()).toEqual(['assigned', 'closed', 'drawn', 'reported', 'sampled']);
    expect(await verifyPassword((await services.users.byUsername('inst.fibre'))!.passwordHash, DEMO_PASSWORD)).toBe(true);

    // Credit (issue 20): every class the model's (a score or an override), listed parties D and on the public list, a pending repair.
    const { rows: handWritten } = (await database.db.execute(
      sql`select count(*)::int as n from enterprises e where e.credit_class is not null and not exists (select 1 from credit_scores s where s.enterprise_id = e.id) and not exists (select 1 from credit_overrides o where o.enterprise_id = e.id)`,
    )) as unknown as { rows: { n: number }[] };
    expect(handWritten[0]!.n).toBe(0);
    const credit = summary.credit;
    expect(credit.scored).toBe(1000);
    expect(credit.listings.length).toBeGreaterThanOrEqual(2);
    const listed = await database.db.select({ cls: enterprises.creditClass }).from(enterprises).where(sql`${enterprises.uscc} in ${credit.listings.map((l) => l.uscc)}`);
    expect(listed.map((e) => e.cls)).toEqual(credit.listings.map(() => 'D'));
    const dishonest = await services.credit.listings.publicList({}, page);
    expect(dishonest.items.map((i) => i.uscc).sort()).toEqual(credit.listings.map((l) => l.uscc).sort());
    const repairs = await database.db.select().from(creditRepairs);
    expect(repairs).toEqual([expect.objectContaining({ status: 'pending', uscc: credit.listings[0]!.uscc })]);
    expect(credit.repair!.conditions.map((c) => c.key)).toEqual(['min_time', 'penalties_paid', 'no_new_violation', 'commitment']);
    expect(await verifyPassword((await services.users.byUsername(credit.repair!.username))!.passwordHash, DEMO_PASSWORD)).toBe(true);
    // Two exposure notices published, a department key that may check, an evaluator with four ratings (class A from an AAA), today's open data.
    const exposures = await services.portal.notices.publicList({ kind: 'exposure' }, page);
    expect(exposures.items.map((n) => n.title).sort()).toEqual([...credit.notices].sort());
    const department = await services.apiKeys.resolve(credit.apiKey!.key);
    expect(department?.permissions.has('credit.check')).toBe(true);
    expect(credit.apiKey!.orgName).toBe('淮安市公共资源交易中心');
    const ratings = await database.db.select({ uscc: creditRatings.uscc, grade: creditRatings.grade }).from(creditRatings);
    expect(ratings.map((r) => r.grade).sort()).toEqual(['AA', 'AAA', 'AAA', 'B']);
    const rated = await database.db.select({ uscc: enterprises.uscc, cls: enterprises.creditClass }).from(enterprises).where(inArray(enterprises.uscc, ratings.map((r) => r.uscc)));
    expect(rated.map((e) => e.cls).sort()).toEqual(['A', 'A', 'B', 'B']);
    expect(await verifyPassword((await services.users.byUsername('eval.suxin'))!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await database.db.select({ day: openDataFiles.day }).from(openDataFiles)).toEqual([{ day: todayInChina() }]);

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
