import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../modules/enterprises/testing.js';
import { actorOf, inspectionTasks, makeTargetedTask, rectificationOrders } from '../../modules/inspections/testing.js';
import { exitInput, makeLicence } from '../../modules/licences/testing.js';
import { useTestEnv } from '../../test/app.js';
import type { Actor } from '../access/actor.js';
import { addDays, todayInChina } from '../calendar/dates.js';
import { todos } from './todos.schema.js';

const env = useTestEnv();
const today = todayInChina();
const ctx = (actor: Actor) => ({ actor });
const all = { page: 1, pageSize: 500 };

/** The open items the actor sees about one record, as kinds. */
const seen = async (actor: Actor, subjectId: string) => (await env.services.todos.list(actor, all)).items.filter((t) => t.subjectId === subjectId).map((t) => t.kind);

/** Every to-do row about a record (any status), for checks of duplicates and closing. */
/** The staff's items of `kind` about a record (an enterprise's own twin, 企业端, is apart: `enterprise_uscc` set). */
const rowsAbout = (subjectId: string, kind: string) => env.db.select().from(todos).where(and(eq(todos.subjectId, subjectId), eq(todos.kind, kind), isNull(todos.enterpriseUscc)));

const makeTask = () => makeTargetedTask(env);

describe('to-dos: who sees them', () => {
  it('shows licence-expiry reminders to the office users who handle licences, not to its inspectors', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const licence = await env.services.licences.create(env.ctx, { uscc: enterprise.uscc, type: 'industrial_product', number: `TD-${Date.now()}`, issuedOn: '2022-01-10', expiresOn: addDays(today, 20), issuer: '江苏省市场监督管理局' });
    await env.services.licenceReminders.run(today);
    const { actor: officer } = await actorOf(env, ['county_officer'], '320826');
    const { actor: inspector } = await actorOf(env, ['inspector'], '320826');
    expect(await seen(officer, licence.id)).toEqual(['licence.expiring_30']);
    expect(await seen(inspector, licence.id)).toEqual([]);
    // …nor over the API (and an inspector cannot mark it done either).
    const client = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320826' })).username);
    const listed = (await client.get('/api/todos?pageSize=100')).json();
    expect(listed.items.map((t: { subjectId: string }) => t.subjectId)).not.toContain(licence.id);
    const [row] = await rowsAbout(licence.id, 'licence.expiring_30');
    expect((await client.post(`/api/todos/${row!.id}/done`)).statusCode).toBe(404);
  });

  it('lists approvals first, then overdue items, then by due date, with a unique last key', async () => {
    const section = (await env.services.licenceTypes.list()).items.find((t) => t.key === 'industrial_product')!.sectionId!;
    const head = (await env.services.users.loadActor((await env.makeUser({ roles: ['section_head'], orgId: section })).id))!;
    const { actor: officer } = await actorOf(env, ['city_officer'], '320800');
    const spec = (n: number, dueOn: string | null, permission: 'licence.approve' | 'licence.read') => ({
      key: `test.order:${head.userId}:${n}`,
      subjectType: 'test',
      subjectId: `order-${head.userId}`,
      title: `第 ${n} 项`,
      params: {},
      link: '/',
      dueOn,
      orgId: null,
      sectionId: section,
      permission,
      regionCode: '320800',
    });
    await env.services.todos.raise(env.db, 'test.soon', [spec(1, addDays(today, 3), 'licence.read'), spec(2, addDays(today, 1), 'licence.read'), spec(3, null, 'licence.read')]);
    await env.services.todos.raise(env.db, 'test.late', [spec(4, addDays(today, -2), 'licence.read'), spec(5, addDays(today, -5), 'licence.read')]);
    // Equal due dates: still one order, the same on every page.
    await env.services.todos.raise(env.db, 'test.soon', [6, 7, 8].map((n) => spec(n, addDays(today, 2), 'licence.read')));
    await env.services.todos.raise(env.db, 'licence.approval_pending', [spec(9, null, 'licence.approve')]);
    const titles = (await env.services.todos.list(head, all)).items.filter((t) => t.subjectId === `order-${head.userId}`).map((t) => t.title);
    expect(titles.slice(0, 4)).toEqual(['第 9 项', '第 5 项', '第 4 项', '第 2 项']);
    expect(titles.slice(4, 7).sort()).toEqual(['第 6 项', '第 7 项', '第 8 项']);
    expect(titles.slice(7)).toEqual(['第 1 项', '第 3 项']);
    const paged: string[] = [];
    for (let page = 1; ; page++) {
      const { items } = await env.services.todos.list(head, { page, pageSize: 2 });
      if (items.length === 0) break;
      paged.push(...items.map((t) => t.title));
    }
    expect(paged.filter((t) => titles.includes(t))).toEqual(titles);
    // The approval is for approvers: a city officer of another org never sees it, nor the section's items.
    expect(await seen(officer, `order-${head.userId}`)).toEqual([]);
  });
});

describe('to-dos: kinds', () => {
  it('inspection.task_overdue: raised for each assigned inspector in person, once, closed when the checklist is submitted', async () => {
    const { a, b, officer, task } = await makeTask();
    await env.db.update(inspectionTasks).set({ dueOn: addDays(today, -1) }).where(eq(inspectionTasks.id, task.id));
    await env.services.inspectionPublication.remind(today);
    await env.services.inspectionPublication.remind(today);
    expect(await seen(a, task.id)).toEqual(['inspection.task_overdue']);
    expect(await seen(b, task.id)).toEqual(['inspection.task_overdue']);
    expect(await seen(officer, task.id)).toEqual([]);
    expect((await rowsAbout(task.id, 'inspection.task_overdue')).map((r) => r.userId).sort()).toEqual([a.userId, b.userId].sort());

    await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: today });
    expect(await seen(a, task.id)).toEqual([]);
    expect(await seen(b, task.id)).toEqual([]);
    await env.services.inspectionPublication.remind(today);
    expect((await rowsAbout(task.id, 'inspection.task_overdue')).map((r) => r.status)).toEqual(['resolved', 'resolved']);
  });

  it('rectification.due: raised for the inspectors when the deadline nears without a report, closed by the report; the re-check then falls due', async () => {
    const { a, b, officer, task } = await makeTask();
    await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: false, note: '未见台账' } }, inspectedOn: today });
    const ordered = await env.services.rectification.issue(ctx(a), task.id, { requirements: '建立进货查验记录台账', workingDays: 15 });
    const order = ordered.rectificationOrders[0]!;
    await env.services.inspectionPublication.remind(today);
    expect(await seen(a, task.id)).toEqual([]); // 15 working days ahead: not yet

    await env.db.update(rectificationOrders).set({ dueOn: addDays(today, 2) }).where(eq(rectificationOrders.id, order.id));
    await env.services.inspectionPublication.remind(today);
    await env.services.inspectionPublication.remind(today);
    expect(await seen(a, task.id)).toEqual(['rectification.due']);
    expect(await seen(b, task.id)).toEqual(['rectification.due']);
    expect(await seen(officer, task.id)).toEqual([]);
    expect(await rowsAbout(task.id, 'rectification.due')).toHaveLength(2);

    await env.services.rectification.report(ctx(officer), order.id, { reportText: '已建立台账', reportedOn: today });
    expect(await seen(a, task.id)).toEqual([]);
    await env.db.update(rectificationOrders).set({ recheckDueOn: addDays(today, 1) }).where(eq(rectificationOrders.id, order.id));
    await env.services.inspectionPublication.remind(today);
    expect(await seen(a, task.id)).toEqual(['inspection.recheck_due']);
    expect(await seen(officer, task.id)).toEqual([]);
    await env.services.rectification.recheck(ctx(a), order.id, { passed: true, note: '整改到位', recheckedOn: today });
    expect(await seen(b, task.id)).toEqual([]);
  });

  it('inspection.publication_overdue: for the bureau users who publish, not its inspectors', async () => {
    const { a, officer, task } = await makeTask();
    await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: today });
    await env.services.tasks.complete(ctx(a), task.id, { resultCategory: '未发现问题' });
    await env.db.update(inspectionTasks).set({ publishDueOn: addDays(today, -1) }).where(eq(inspectionTasks.id, task.id));
    await env.services.inspectionPublication.remind(today);
    expect(await seen(officer, task.id)).toEqual(['inspection.publication_overdue']);
    expect(await seen(a, task.id)).toEqual([]);
    await env.services.tasks.publish(ctx(officer), [task.id]);
    expect(await seen(officer, task.id)).toEqual([]);
  });

  it('feedback.received: raised when a notice arrives, for the bureau users who decide notices, closed by the decision', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320831' });
    const { actor: officer } = await actorOf(env, ['county_officer'], '320831');
    const { actor: inspector } = await actorOf(env, ['inspector'], '320831');
    const { actor: elsewhere } = await actorOf(env, ['county_officer'], '320826');
    const notice = await env.services.feedback.receive(ctx(officer), { uscc: enterprise.uscc, department: '金湖县住建局', kind: 'other', summary: '施工现场发现问题', occurredOn: today }, 'manual');
    expect(await seen(officer, notice.id)).toEqual(['feedback.received']);
    expect(await seen(inspector, notice.id)).toEqual([]);
    expect(await seen(elsewhere, notice.id)).toEqual([]);
    const [row] = await rowsAbout(notice.id, 'feedback.received');
    expect(row).toMatchObject({ link: `/feedback/${notice.id}`, dueOn: notice.dueOn, params: { department: '金湖县住建局', holder: enterprise.name, date: notice.dueOn } });
    // The daily job keeps the same item (no duplicate), and turns it into an overdue one past the deadline.
    await env.services.licenceReminders.run(today);
    expect(await rowsAbout(notice.id, 'feedback.received')).toHaveLength(1);
    await env.services.licenceReminders.run(addDays(notice.dueOn, 1));
    expect(await seen(officer, notice.id)).toEqual(['feedback.overdue']);
    await env.services.licenceReminders.run(today);

    await env.services.feedback.decide(ctx(officer), notice.id, { decision: 'none', reason: '不涉及许可事项' });
    expect(await seen(officer, notice.id)).toEqual([]);
    await env.services.licenceReminders.run(today);
    expect(await seen(officer, notice.id)).toEqual([]);
  });

  it('exit.investigation_assigned: for the investigator in person, closed when the investigation is recorded', async () => {
    const licence = await makeLicence(env, { regionCode: '320826' });
    const { user: investigator, actor: investigatorActor } = await actorOf(env, ['inspector'], '320826');
    const { actor: officer } = await actorOf(env, ['county_officer'], '320826');
    const exit = await env.services.licenceExits.open(env.ctx, exitInput('conditions_lost', licence.id, investigator.id));
    expect(await seen(investigatorActor, exit.id)).toEqual(['exit.investigation_assigned']);
    expect(await seen(officer, exit.id)).toEqual([]);
    const [row] = await rowsAbout(exit.id, 'exit.investigation_assigned');
    expect(row).toMatchObject({ userId: investigator.id, dueOn: exit.investigationDueOn, link: `/licence-exits/${exit.id}`, params: { holder: licence.enterpriseName, number: licence.number, date: exit.investigationDueOn } });

    await env.services.licenceExits.recordInvestigation(ctx(investigatorActor), exit.id, { findings: '现场已无生产设备', justifiedReason: false });
    expect(await seen(investigatorActor, exit.id)).toEqual([]);
    expect((await rowsAbout(exit.id, 'exit.investigation_assigned')).map((r) => r.status)).toEqual(['resolved']);
  });
});

describe('to-dos: a daily job’s sync at scale', () => {
  it('syncs 70,000 items of a kind (more keys than a statement’s 65,535 parameters), then resolves all but one', { timeout: 120_000 }, async () => {
    const kind = `test.bulk_${Date.now()}`;
    const { actor } = await actorOf(env, ['county_officer'], '320826');
    const item = (i: number) => ({ key: `${kind}:${i}`, subjectType: 'test', subjectId: crypto.randomUUID(), title: `第 ${i} 项`, params: {}, link: '/', dueOn: today, orgId: actor.orgId, sectionId: null, regionCode: '320826' });
    const wanted = Array.from({ length: 70_000 }, (_, i) => item(i));
    expect(await env.db.transaction((tx) => env.services.todos.sync(tx, kind, wanted))).toEqual({ created: 70_000, resolved: 0 });
    expect(await env.db.transaction((tx) => env.services.todos.sync(tx, kind, wanted))).toEqual({ created: 0, resolved: 0 });
    expect(await env.db.transaction((tx) => env.services.todos.sync(tx, kind, wanted.slice(7, 8)))).toEqual({ created: 0, resolved: 69_999 });
    const open = await env.db.select({ key: todos.key }).from(todos).where(and(eq(todos.kind, kind), eq(todos.status, 'open')));
    expect(open).toEqual([{ key: `${kind}:7` }]);
  });
});
