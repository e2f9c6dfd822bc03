import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeEnterprise } from '../../modules/enterprises/testing.js';
import { makeTargetedTask, rectificationOrders } from '../../modules/inspections/testing.js';
import { exitInput, makeFeedbackService, makeLicence } from '../../modules/licences/testing.js';
import { useTestEnv } from '../../test/app.js';
import type { Actor } from '../access/actor.js';
import { addDays, todayInChina } from '../calendar/dates.js';
import { statutory } from '../calendar/statutory.js';

const env = useTestEnv();
const ctx = (actor: Actor) => ({ actor });
const lastCovered = Math.max(...statutory.years());

afterEach(() => {
  vi.useRealTimers();
});

/** Pretend it is the given moment (only `Date`; the database keeps its own clock). */
function pretend(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

/** The user's to-dos about one record, as the API answers them. */
async function todosAbout(username: string, subjectId: string) {
  const client = await env.login(username);
  const res = await client.get('/api/todos?pageSize=100');
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: { subjectId: string; kind: string; dueOn: string | null; dueCertain: boolean }[] }).items.filter((t) => t.subjectId === subjectId);
}

describe('to-dos carry the certainty of their working-day due date', () => {
  it('exit.investigation_assigned: false when the investigation deadline runs into a year without holiday data, true within a covered year', async () => {
    const licence = await makeLicence(env, { regionCode: '320826' });
    const investigator = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });

    // 10 working days from 21 December of the last year with holiday data run into a year without it.
    pretend(`${lastCovered}-12-21T02:00:00Z`);
    const uncertain = await env.services.licenceExits.open(env.ctx, exitInput('conditions_lost', licence.id, investigator.id));
    vi.useRealTimers();
    expect(uncertain.investigationDueCertain).toBe(false);
    expect(await todosAbout(investigator.username, uncertain.id)).toEqual([expect.objectContaining({ kind: 'exit.investigation_assigned', dueOn: uncertain.investigationDueOn, dueCertain: false })]);

    const other = await makeLicence(env, { regionCode: '320826' });
    pretend(`${lastCovered}-06-01T02:00:00Z`);
    const certain = await env.services.licenceExits.open(env.ctx, exitInput('conditions_lost', other.id, investigator.id));
    vi.useRealTimers();
    expect(certain.investigationDueCertain).toBe(true);
    expect(await todosAbout(investigator.username, certain.id)).toEqual([expect.objectContaining({ kind: 'exit.investigation_assigned', dueCertain: true })]);
  });

  it('feedback.received and feedback.overdue: the notice’s deadline certainty', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320831' });
    const receivedOn = (day: string) => makeFeedbackService({ ...env.services, exits: env.services.licenceExits, dueWorkingDays: 10, today: () => day });
    const notice = async (day: string) => {
      const enterprise = await makeEnterprise(env, { regionCode: '320831' });
      return receivedOn(day).receive(env.ctx, { uscc: enterprise.uscc, department: '金湖县住建局', kind: 'other', summary: '施工现场发现问题', occurredOn: day }, 'manual');
    };
    const late = await notice(`${lastCovered}-12-21`);
    const early = await notice(`${lastCovered}-06-01`);
    expect([late.dueCertain, early.dueCertain]).toEqual([false, true]);
    expect(await todosAbout(officer.username, late.id)).toEqual([expect.objectContaining({ kind: 'feedback.received', dueCertain: false })]);
    expect(await todosAbout(officer.username, early.id)).toEqual([expect.objectContaining({ kind: 'feedback.received', dueCertain: true })]);
    // Past the deadline, the daily job's overdue item carries it too.
    await env.services.licenceReminders.run(addDays(late.dueOn, 1));
    expect(await todosAbout(officer.username, late.id)).toEqual([expect.objectContaining({ kind: 'feedback.overdue', dueCertain: false })]);
  });

  it('licence.change_overdue: the certainty of the change order that set the deadline', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    let seq = 0;
    const order = async (at: string) => {
      const licence = await makeLicence(env, { regionCode: '320826' });
      pretend(at);
      const after = await env.services.licences.requestTransition(env.ctx, licence.id, { to: 'changeOrdered', reason: '测试', legalBasis: '《工业产品生产许可证管理条例》', documentNo: `淮市监〔${lastCovered}〕${Date.now()}-${++seq}号`, deadlineWorkingDays: 10 });
      vi.useRealTimers();
      expect(after.pending).toBe(false);
      return after.licence!;
    };
    const unsure = await order(`${lastCovered}-12-21T02:00:00Z`);
    const sure = await order(`${lastCovered}-06-01T02:00:00Z`);
    // One run past both deadlines (the daily job resolves what is not overdue on its day).
    await env.services.licenceReminders.run(addDays(unsure.changeDeadline!, 1));
    expect(await todosAbout(officer.username, unsure.id)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'licence.change_overdue', dueOn: unsure.changeDeadline, dueCertain: false })]));
    expect(await todosAbout(officer.username, sure.id)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'licence.change_overdue', dueOn: sure.changeDeadline, dueCertain: true })]));
  });

  it('rectification.due and inspection.recheck_due: the order’s deadline certainty', async () => {
    const today = todayInChina();
    const make = async () => {
      const { a, inspectors, officer, task } = await makeTargetedTask(env, '群众反映');
      await env.services.tasks.submit(ctx(a), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: false, note: '未见台账' } }, inspectedOn: today });
      const order = (await env.services.rectification.issue(ctx(a), task.id, { requirements: '建立进货查验记录台账', workingDays: 15 })).rectificationOrders[0]!;
      return { username: inspectors[0].user.username, officer, task, order };
    };
    const unsure = await make();
    const sure = await make();
    // The deadlines near: one counted over a year without holiday data, one not.
    await env.db.update(rectificationOrders).set({ dueOn: addDays(today, 2), dueCertain: false }).where(eq(rectificationOrders.id, unsure.order.id));
    await env.db.update(rectificationOrders).set({ dueOn: addDays(today, 2), dueCertain: true }).where(eq(rectificationOrders.id, sure.order.id));
    await env.services.inspectionPublication.remind(today);
    expect(await todosAbout(unsure.username, unsure.task.id)).toEqual([expect.objectContaining({ kind: 'rectification.due', dueCertain: false })]);
    expect(await todosAbout(sure.username, sure.task.id)).toEqual([expect.objectContaining({ kind: 'rectification.due', dueCertain: true })]);

    await env.services.rectification.report(ctx(unsure.officer), unsure.order.id, { reportText: '已建立台账', reportedOn: today });
    await env.db.update(rectificationOrders).set({ recheckDueOn: addDays(today, 1), recheckDueCertain: false }).where(eq(rectificationOrders.id, unsure.order.id));
    await env.services.inspectionPublication.remind(today);
    expect(await todosAbout(unsure.username, unsure.task.id)).toEqual([expect.objectContaining({ kind: 'inspection.recheck_due', dueCertain: false })]);
  });
});
