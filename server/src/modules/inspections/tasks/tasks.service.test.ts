import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { actorOf, makeInspector, makeItem, makeTargetedTask } from '../testing.js';
import { inspectionTasks, rectificationOrders } from './tasks.schema.js';

const env = useTestEnv();
const ctx = (actor: Actor) => ({ actor });

const makeTask = () => makeTargetedTask(env);

const code = (p: Promise<unknown>) => p.then(() => 'ok', (err: { code?: string }) => err.code);

describe('inspection tasks', () => {
  it('runs a check through findings, rectification, re-check, completion and publication', async () => {
    const { a, officer, task, enterprise } = await makeTask();
    const { tasks, rectification, calendar, inspectionPublication } = env.services;
    expect(task).toMatchObject({ state: 'assigned', origin: 'targeted', objectKey: enterprise.uscc, assignedToMe: false });

    const draft = await tasks.saveAnswers(ctx(a), task.id, { licence_valid: { value: true }, staff: { value: 12 } });
    expect(draft.state).toBe('in_progress');
    // A required question left open: the checklist cannot be submitted.
    expect(await code(tasks.submit(ctx(a), task.id, { inspectedOn: todayInChina() }))).toBe('ANSWER_REQUIRED');

    const inspected = await tasks.submit(ctx(a), task.id, { answers: { records_kept: { value: false, note: '未见台账' } }, findings: [{ text: '仓库消防通道堵塞', severity: 'critical' }], inspectedOn: todayInChina() });
    expect(inspected.state).toBe('inspected');
    expect(inspected.findings).toEqual([
      { questionKey: 'records_kept', text: '未建立进货查验记录', severity: 'minor' },
      { questionKey: null, text: '仓库消防通道堵塞', severity: 'critical' },
    ]);
    // An order moves the task on: no completion until the rectification is re-checked.
    const ordered = await rectification.issue(ctx(a), task.id, { requirements: '建立进货查验记录台账，清理消防通道', workingDays: 15 });
    expect(ordered.state).toBe('rectifying');
    const order = ordered.rectificationOrders[0]!;
    expect(order.dueOn).toBe((await calendar.addWorkingDays(todayInChina(), 15)).date);
    expect(order.documentNo).toMatch(/责改〔\d{4}〕\d+号$/);
    const doc = await rectification.document(officer, order.id);
    expect(doc.content.subarray(0, 2).toString()).toBe('PK');
    expect(await code(tasks.complete(ctx(a), task.id, { resultCategory: '发现问题已责令整改' }))).toBe('TASK_STATE');

    // The officer enters the enterprise's report; the re-check is due 10 working days later (SAMR Order 57 §29).
    const reported = await rectification.report(ctx(officer), order.id, { reportText: '已建立台账并清理通道，附照片', reportedOn: todayInChina() });
    expect(reported.state).toBe('rechecking');
    expect(reported.rectificationOrders[0]!.recheckDueOn).toBe((await calendar.addWorkingDays(todayInChina(), 10)).date);
    expect(await code(rectification.recheck(ctx(officer), order.id, { passed: true, note: '已整改', recheckedOn: todayInChina() }))).toBe('NOT_ASSIGNED');
    const rechecked = await rectification.recheck(ctx(a), order.id, { passed: true, note: '现场复查，整改到位', recheckedOn: todayInChina() });
    expect(rechecked).toMatchObject({ state: 'inspected', rectificationOrders: [{ recheckPassed: true }] });

    expect(await code(tasks.complete(ctx(a), task.id, { resultCategory: '合格' }))).toBe('VALIDATION');
    const completed = await tasks.complete(ctx(a), task.id, { resultCategory: '发现问题已责令整改' });
    expect(completed).toMatchObject({ state: 'completed', completedOn: todayInChina(), publishDueOn: (await calendar.addWorkingDays(todayInChina(), 20)).date, overdue: false });

    expect((await inspectionPublication.results({ uscc: enterprise.uscc }, { page: 1, pageSize: 10 })).total).toBe(0);
    expect(await tasks.publish(ctx(officer), [task.id])).toEqual({ published: 1 });
    const published = await inspectionPublication.results({ uscc: enterprise.uscc.toLowerCase() }, { page: 1, pageSize: 10 });
    expect(published.items).toEqual([
      expect.objectContaining({ uscc: enterprise.uscc, enterpriseName: enterprise.name, result: '发现问题已责令整改', inspectedOn: todayInChina(), origin: 'targeted' }),
    ]);
    expect(Object.keys(published.items[0]!)).not.toContain('findings');
    expect(await code(tasks.publish(ctx(officer), [task.id]))).toBe('TASK_STATE');
  });

  it('lets only the assigned inspectors carry out the check', async () => {
    const { task, officer } = await makeTask();
    const other = await makeInspector(env, '320826');
    expect(await code(env.services.tasks.saveAnswers(ctx(other.actor), task.id, { licence_valid: { value: true } }))).toBe('NOT_ASSIGNED');
    expect(await code(env.services.tasks.saveAnswers(ctx(officer), task.id, { licence_valid: { value: true } }))).toBe('NOT_ASSIGNED');
  });

  it('checks answers against the checklist', async () => {
    const { task, a } = await makeTask();
    const { tasks } = env.services;
    expect(await code(tasks.saveAnswers(ctx(a), task.id, { unknown_key: { value: true } }))).toBe('ANSWER_INVALID');
    expect(await code(tasks.saveAnswers(ctx(a), task.id, { licence_valid: { value: 'yes' } }))).toBe('ANSWER_INVALID');
    expect(await code(tasks.saveAnswers(ctx(a), task.id, { staff: { value: '12' } }))).toBe('ANSWER_INVALID');
    expect(await code(tasks.saveAnswers(ctx(a), task.id, { site_photo: { value: ['00000000-0000-4000-8000-000000000000'] } }))).toBe('ANSWER_INVALID');
    expect(await code(tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: '2099-01-01' }))).toBe('VALIDATION');
    const [row] = await env.db.select().from(inspectionTasks).where(eq(inspectionTasks.id, task.id));
    expect(row!.state).toBe('assigned');
    expect(row!.answers).toEqual({});
  });

  it('issues no rectification order without findings', async () => {
    const { task, a } = await makeTask();
    await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: todayInChina() });
    expect(await code(env.services.rectification.issue(ctx(a), task.id, { requirements: '整改', workingDays: 5 }))).toBe('NO_FINDINGS');
    expect(await env.db.select().from(rectificationOrders).where(eq(rectificationOrders.taskId, task.id))).toEqual([]);
  });

  it('refuses inspectors in conflict, outside the pool or fewer than two for a task without a draw', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const item = await makeItem(env);
    const ok = await makeInspector(env, '320826');
    const conflicted = await makeInspector(env, '320826', { conflicts: [enterprise.uscc] });
    const elsewhere = await makeInspector(env, '320803');
    const { actor: officer } = await actorOf(env, ['county_officer'], '320826');
    const create = (ids: string[]) => env.services.tasks.create(ctx(officer), { itemId: item.id, uscc: enterprise.uscc, origin: 'complaint', originNote: '12315 投诉 No.1', inspectorIds: ids });
    const offered = await env.services.tasks.eligibleInspectors(officer, item.id, enterprise.uscc.toLowerCase());
    expect(offered.items).toEqual(expect.arrayContaining([expect.objectContaining({ userId: ok.user.id, rule: null }), expect.objectContaining({ userId: conflicted.user.id, rule: 'conflict' })]));
    expect(offered.items.map((i) => i.userId)).not.toContain(elsewhere.user.id); // not in this region's pool at all
    expect(await code(create([ok.user.id]))).toBe('INSPECTORS_TOO_FEW');
    expect(await code(create([ok.user.id, conflicted.user.id]))).toBe('INSPECTOR_INELIGIBLE');
    expect(await code(create([ok.user.id, elsewhere.user.id]))).toBe('INSPECTOR_INELIGIBLE');
    // Another county's enterprise is not in this officer's register.
    const other = await makeEnterprise(env, { regionCode: '320803' });
    expect(await code(env.services.tasks.create(ctx(officer), { itemId: item.id, uscc: other.uscc, origin: 'complaint', originNote: 'x', inspectorIds: [ok.user.id, elsewhere.user.id] }))).toBe('ENTERPRISE_UNKNOWN');
  });

  it('keeps tasks within the data scope: a county sees its own, the city all', async () => {
    const { task } = await makeTask();
    const { actor: elsewhere } = await actorOf(env, ['county_officer'], '320803');
    const { actor: city } = await actorOf(env, ['city_officer'], '320800');
    expect(await code(env.services.tasks.get(elsewhere, task.id))).toBe('NOT_FOUND');
    expect((await env.services.tasks.list(elsewhere, {}, { page: 1, pageSize: 500 })).items.map((t) => t.id)).not.toContain(task.id);
    expect((await env.services.tasks.get(city, task.id)).id).toBe(task.id);
  });

  it('flags and reminds of results not published within 20 working days', async () => {
    const { task, a } = await makeTask();
    await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: todayInChina() });
    await env.services.tasks.complete(ctx(a), task.id, { resultCategory: '未发现问题' });
    await env.db.update(inspectionTasks).set({ publishDueOn: '2020-01-02' }).where(eq(inspectionTasks.id, task.id));
    const listed = await env.services.tasks.list(a, { overdue: true }, { page: 1, pageSize: 500 });
    expect(listed.items.find((t) => t.id === task.id)).toMatchObject({ overdue: true, deadline: '2020-01-02' });
    await env.services.inspectionPublication.remind();
    const [todo] = await env.db.select().from(todos).where(eq(todos.subjectId, task.id));
    expect(todo).toMatchObject({ kind: 'inspection.publication_overdue', status: 'open', link: `/inspection-tasks/${task.id}`, params: { holder: expect.any(String), item: expect.any(String), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    await env.services.tasks.publish(ctx(a), [task.id]);
    await env.services.inspectionPublication.remind();
    const [after] = await env.db.select().from(todos).where(eq(todos.subjectId, task.id));
    expect(after!.status).not.toBe('open');
  });
});
