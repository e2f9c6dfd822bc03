import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServices } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, complaintDeadlines, complaintEvents, complaintLinks, complaints } from '../modules/complaints/complaints.schema.js';
import { complaintRewards } from '../modules/complaints/rewards/rewards.schema.js';
import { todayInChina } from '../platform/calendar/dates.js';
import { todos } from '../platform/todos/todos.schema.js';
import { TEST_SECRET_KEY } from '../test/app.js';
import { openTestDatabase } from '../test/database.js';
import { DEMO_REGION_CODES } from './places.js';
import { loadDemo } from './load-demo.js';

describe('the complaints demo', () => {
  const config = loadConfig({}, { jobs: false, adminPassword: 'Admin#Test2026', secretKey: TEST_SECRET_KEY, auditAnchorDir: '/nonexistent/audit-anchors' });
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it('adds items of every kind, channel and county over the past year, handled in the past: closed with results and satisfaction, some open past a deadline, urgent ones escalated, one reward paid', async () => {
    const summary = await loadDemo({ database, config, count: 1000, equipmentUnits: 600, complaints: 200 });
    const db = database.db;
    const today = todayInChina();
    const c = summary.complaints;
    expect(c.items).toBe(200);
    const rows = await db.select().from(complaints);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(COMPLAINT_KINDS));
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(COMPLAINT_CHANNELS));
    expect([...new Set(rows.map((r) => r.regionCode))].sort()).toEqual([...DEMO_REGION_CODES].sort());
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['received', 'accepted', 'mediating', 'verifying', 'refused', 'closed']));
    expect(new Set(rows.map((r) => r.topic))).toEqual(new Set(['special_equipment', 'metrology', 'product_quality', 'standards', 'other']));

    // Over the past year, numbered by the day of receipt; the timeline starts at the receipt.
    const days = rows.map((r) => r.receivedOn).sort();
    expect(days[0]! < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`).toBe(false);
    expect(days[0]! < today.slice(0, 4) + '-01-01' || days[0]! <= today).toBe(true);
    expect(rows.filter((r) => r.receivedOn < today).length).toBeGreaterThan(190);
    for (const r of rows) expect(r.trackingNo.slice(2, 10)).toBe(r.receivedOn.replaceAll('-', ''));
    const [{ early }] = (await database.executeSql(`select count(*)::int as early from complaint_events e join complaints c on c.id = e.complaint_id where e.at < c.received_at`)).rows as unknown as [{ early: number }];
    expect(early).toBe(0);

    // The reporters are sealed: no readable phone in the row, only its mask.
    const named = rows.filter((r) => !r.anonymous);
    expect(named.length).toBeGreaterThan(100);
    for (const r of named) {
      expect(r.reporterPhoneMasked).toMatch(/^138\*{4}\d{4}$/);
      expect(r.reporterPhoneSealed).not.toMatch(/1380000/);
    }
    expect(rows.filter((r) => r.kind === 'complaint').every((r) => !r.anonymous)).toBe(true);
    expect(rows.some((r) => r.kind === 'report' && r.anonymous)).toBe(true);

    // Handled: closed with the public result, satisfaction; mediations with answers; reports verified with cases.
    const closed = rows.filter((r) => r.status === 'closed');
    expect(closed.length).toBeGreaterThan(80);
    expect(closed.every((r) => r.publicResult && r.closedAt && r.closedAt.getTime() < Date.now())).toBe(true);
    expect(rows.filter((r) => r.satisfied !== null).length).toBeGreaterThan(20);
    expect(rows.some((r) => r.mediationResult === 'agreed') && rows.some((r) => r.mediationResult === 'failed')).toBe(true);
    expect(rows.some((r) => r.enterpriseAnswer)).toBe(true);
    expect(rows.some((r) => r.kind === 'report' && r.substantiated && r.caseOpened)).toBe(true);
    expect(rows.some((r) => r.status === 'refused' && r.refusalReason)).toBe(true);

    // Clocks: mostly met on time, some open past their due date (overdue), each as a to-do.
    const clocks = await db.select().from(complaintDeadlines);
    const met = clocks.filter((k) => k.metOn);
    expect(met.filter((k) => k.metOn! <= k.dueOn).length / met.length).toBeGreaterThan(0.8);
    expect(met.some((k) => k.metOn! > k.dueOn)).toBe(true);
    expect(c.overdue).toBeGreaterThan(0);
    const overdue = clocks.filter((k) => !k.metOn && !k.cancelledOn && k.dueOn < today);
    expect(overdue.length).toBeGreaterThan(0);
    const [{ deadlineTodos }] = (await db.select({ deadlineTodos: count() }).from(todos).where(and(eq(todos.kind, 'complaint.deadline'), eq(todos.status, 'open')))) as [{ deadlineTodos: number }];
    expect(deadlineTodos).toBeGreaterThan(0);

    // Urgent: acknowledged, three late and escalated; the fresh one waits for its acknowledgement.
    const urgent = rows.filter((r) => r.urgent);
    expect(urgent.length).toBeGreaterThanOrEqual(4);
    expect(urgent.filter((r) => r.escalatedAt).length).toBe(3);
    expect(urgent.filter((r) => !r.acknowledgedAt)).toHaveLength(1);
    const [{ urgentTodos }] = (await db.select({ urgentTodos: count() }).from(todos).where(and(eq(todos.kind, 'complaint.urgent'), eq(todos.status, 'open')))) as [{ urgentTodos: number }];
    expect(urgentTodos).toBeGreaterThan(0);

    // Exactly one reward paid; the accounts' checks and hazards linked.
    const rewards = await db.select().from(complaintRewards);
    expect(rewards.filter((r) => r.status === 'paid')).toHaveLength(1);
    const links = await db.select().from(complaintLinks);
    expect(links.some((l) => l.targetType === 'inspection_task')).toBe(true);
    expect(c.rewardsPaid).toBe(1);
    const [{ repeat }] = (await db.select({ repeat: count() }).from(todos).where(and(eq(todos.kind, 'complaint.repeat_subject'), eq(todos.status, 'open')))) as [{ repeat: number }];
    expect(repeat).toBeGreaterThanOrEqual(2);

    // The demo accounts' complaint in mediation waits for the enterprise's answer (its to-do).
    const account = summary.accounts[0]!;
    const waiting = rows.find((r) => r.subjectUscc === account.uscc && r.status === 'mediating' && !r.enterpriseAnswer);
    expect(waiting).toBeDefined();
    const [{ mediationTodos }] = (await db.select({ mediationTodos: count() }).from(todos).where(and(eq(todos.kind, 'complaint.mediation'), eq(todos.enterpriseUscc, account.uscc), eq(todos.status, 'open')))) as [{ mediationTodos: number }];
    expect(mediationTodos).toBe(1);

    // Every event of the past is in the past, every public page answers.
    const future = await db.select({ kind: complaintEvents.kind, at: complaintEvents.at }).from(complaintEvents).where(sql`${complaintEvents.at} > now()`);
    expect(future).toEqual([]);
    const services = makeServices(database, config);
    const officer = (await services.users.loadActor((await services.users.byUsername('lianshui.officer'))!.id))!;
    const list = await services.complaints.handling.list(officer, { regionCode: '320826' }, { page: 1, pageSize: 50 });
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((i: { regionCode: string }) => i.regionCode === '320826')).toBe(true);
    expect((await db.select({ n: count() }).from(complaints).where(isNull(complaints.orgId))).at(0)!.n).toBe(0);
  }, 180_000);
});
