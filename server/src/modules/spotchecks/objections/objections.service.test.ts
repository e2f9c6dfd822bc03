import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { objectionDue } from '../sampling/window.js';
import { spotcheckObjections, spotcheckSamples } from '../spotchecks.schema.js';
import { makeInstitution } from '../testing.js';
import { FOLLOWUP_STEP_TODO, RECHECK_OVERDUE_TODO } from './followups.service.js';
import { enterpriseActor, institutionWithAccount, notifiedSample, retestReportOnFile } from './testing-objections.js';

/**
 * Issue 19, objections and retests (产品质量法 §15) and the follow-up of failures (§17): the
 * window's edge days, the decision and the retest replacing the conclusion (upheld counted against
 * the first institution), the follow-up chain in order with every invalid step, its to-dos, scope.
 */
const env = useServiceEnv();
const today = todayInChina();

const staff = async (roles: string[], regionCode: string) => {
  const user = await env.makeUser({ roles, regionCode });
  return { actor: (await env.services.users.loadActor(user.id)) as Actor, user };
};
const svc = () => env.services.spotchecks.objections;
const fu = () => env.services.spotchecks.objections.followups;
const sampleRow = async (id: string) => (await env.db.select().from(spotcheckSamples).where(eq(spotcheckSamples.id, id)))[0]!;
const auditActions = async (target: string) => (await env.services.audit.list(env.db, env.admin, { target }, { page: 1, pageSize: 50 })).items.map((e: { action: string }) => e.action);

describe('filing an objection', () => {
  it('the window’s last day is accepted, the day after refused (409 OBJECTION_WINDOW_CLOSED); a second 409 OBJECTION_EXISTS; before the notice 409 NOT_NOTIFIED', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const lastDay = addDays(today, -3);
    const onDue = await notifiedSample(env, { receivedOn: addDays(lastDay, -15), objectionDueOn: lastDay, notifiedOn: addDays(lastDay, -16) });
    const filed = await svc().fileByOfficer({ actor: officer }, onDue.sample.id, { filedOn: lastDay, reason: '甲醛含量检测方法有误', items: ['甲醛含量'] });
    expect(filed).toMatchObject({ sampleId: onDue.sample.id, status: 'filed', filedOn: lastDay, filedBy: 'officer', filedByName: officer.name, items: ['甲醛含量'], version: 1 });
    await expect(svc().fileByOfficer({ actor: officer }, onDue.sample.id, { filedOn: lastDay, reason: '再次' })).rejects.toMatchObject({ status: 409, code: 'OBJECTION_EXISTS' });

    const late = await notifiedSample(env, { receivedOn: addDays(lastDay, -15), objectionDueOn: lastDay, notifiedOn: addDays(lastDay, -16) });
    await expect(svc().fileByOfficer({ actor: officer }, late.sample.id, { filedOn: addDays(lastDay, 1), reason: '逾期' })).rejects.toMatchObject({ status: 409, code: 'OBJECTION_WINDOW_CLOSED', details: { objectionDueOn: lastDay } });
    expect(await env.db.select().from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, late.sample.id))).toEqual([]);

    // The enterprise's own account files today: on its last day yes, the day after no.
    const own = await notifiedSample(env, { objectionDueOn: today });
    expect(await svc().fileByEnterprise({ actor: enterpriseActor(own.enterprise.uscc) }, own.sample.id, { reason: '对结论有异议', items: [] })).toMatchObject({ filedOn: today, filedBy: 'enterprise' });
    const ownLate = await notifiedSample(env, { objectionDueOn: addDays(today, -1) });
    await expect(svc().fileByEnterprise({ actor: enterpriseActor(ownLate.enterprise.uscc) }, ownLate.sample.id, { reason: '逾期' })).rejects.toMatchObject({ status: 409, code: 'OBJECTION_WINDOW_CLOSED' });
    // Another enterprise's sample, or one not yet notified: 404 to an enterprise account.
    await expect(svc().fileByEnterprise({ actor: enterpriseActor(own.enterprise.uscc) }, ownLate.sample.id, { reason: 'x' })).rejects.toMatchObject({ status: 404 });
    const unnotified = await notifiedSample(env, { notifiedOn: null, noticeNo: null, receivedOn: null, objectionDueOn: null });
    await expect(svc().fileByEnterprise({ actor: enterpriseActor(unnotified.enterprise.uscc) }, unnotified.sample.id, { reason: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(svc().fileByOfficer({ actor: officer }, unnotified.sample.id, { filedOn: today, reason: 'x' })).rejects.toMatchObject({ status: 409, code: 'NOT_NOTIFIED' });
  });

  it('bad input is 400 with nothing filed: an item not in the results, a date before the notice or after today', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const s = await notifiedSample(env);
    await expect(svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: today, reason: 'x', items: ['不存在的项目'] })).rejects.toMatchObject({ status: 400, details: { field: 'items.0' } });
    await expect(svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: addDays(s.sample.notifiedOn!, -1), reason: 'x' })).rejects.toMatchObject({ status: 400, details: { field: 'filedOn' } });
    await expect(svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: addDays(today, 1), reason: 'x' })).rejects.toMatchObject({ status: 400, details: { field: 'filedOn' } });
    expect(await env.db.select().from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, s.sample.id))).toEqual([]);
  });

  it('without a recorded receipt, the objection’s day is recorded as the receipt and the window counted from it', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const s = await notifiedSample(env, { receivedOn: null, objectionDueOn: null });
    const filedOn = addDays(today, -1);
    const o = await svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn, reason: '书面异议' });
    const due = await objectionDue(env.services.calendar, filedOn, env.config.spotcheckRules.objectionDays);
    expect(o).toMatchObject({ receivedOn: filedOn, objectionDueOn: due.date });
    expect(await sampleRow(s.sample.id)).toMatchObject({ receivedOn: filedOn, objectionDueOn: due.date });
    expect(await auditActions(o.id)).toContain('spotcheck_objection.filed');
  });

  it('a county user of another county cannot see or enter an objection on the sample (404)', async () => {
    const { actor: xuyi } = await staff(['county_officer'], '320830');
    const s = await notifiedSample(env);
    await expect(svc().fileByOfficer({ actor: xuyi }, s.sample.id, { filedOn: today, reason: 'x' })).rejects.toMatchObject({ status: 404 });
    const { actor: officer } = await staff(['county_officer'], '320826');
    const o = await svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: today, reason: 'x' });
    await expect(svc().get(xuyi, o.id)).rejects.toMatchObject({ status: 404 });
    expect((await svc().list(xuyi, {}, { page: 1, pageSize: 100 })).items.map((i) => i.id)).not.toContain(o.id);
    expect((await svc().list(officer, { status: 'filed' }, { page: 1, pageSize: 100 })).items.map((i) => i.id)).toContain(o.id);
  });
});

describe('deciding and retesting', () => {
  it('refused: the first conclusion becomes final (sample closed); a second decision 409', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const { actor: head } = await staff(['section_head'], '320800');
    const s = await notifiedSample(env);
    const o = await svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: today, reason: '异议' });
    await expect(svc().decide({ actor: head }, o.id, { accept: false, reason: '理由不成立' }, [7])).rejects.toMatchObject({ status: 412 });
    const refused = await svc().decide({ actor: head }, o.id, { accept: false, reason: '异议理由不成立' }, [1]);
    expect(refused).toMatchObject({ status: 'refused', decidedOn: today, decisionReason: '异议理由不成立', decidedByName: head.name, finalConclusion: 'fail', version: 2 });
    expect(await sampleRow(s.sample.id)).toMatchObject({ finalConclusion: 'fail', status: 'closed' });
    await expect(svc().decide({ actor: head }, o.id, { accept: true, reason: 'x', retestInstitutionId: s.institution.id })).rejects.toMatchObject({ status: 409, code: 'OBJECTION_DECIDED' });
    expect(await auditActions(o.id)).toContain('spotcheck_objection.refused');
  });

  it('accepted with a qualified other institution (400 SAME_INSTITUTION, 400 NOT_QUALIFIED); its retest replaces the conclusion, upheld against the first institution', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const { actor: head } = await staff(['section_head'], '320800');
    const s = await notifiedSample(env);
    const o = await svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: today, reason: '甲醛含量有误', items: ['甲醛含量'] });
    await expect(svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: s.institution.id })).rejects.toMatchObject({ status: 400, code: 'SAME_INSTITUTION' });
    const outOfScope = await makeInstitution(env, { cmaScope: ['OTHER-1'] });
    await expect(svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: outOfScope.id })).rejects.toMatchObject({ status: 400, code: 'NOT_QUALIFIED' });
    const expired = await makeInstitution(env, { cmaScope: [s.product.code], cmaValidUntil: addDays(today, -1) });
    await expect(svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: expired.id })).rejects.toMatchObject({ status: 400, code: 'NOT_QUALIFIED' });
    const inactive = await makeInstitution(env, { cmaScope: [s.product.code], active: false });
    await expect(svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: inactive.id })).rejects.toMatchObject({ status: 400, code: 'NOT_QUALIFIED' });
    await expect(svc().decide({ actor: head }, o.id, { accept: true, reason: '受理' })).rejects.toMatchObject({ status: 400, details: { field: 'retestInstitutionId' } });

    const retester = await institutionWithAccount(env, s.product.code);
    const accepted = await svc().decide({ actor: head }, o.id, { accept: true, reason: '予以受理', retestInstitutionId: retester.institution.id });
    expect(accepted).toMatchObject({ status: 'accepted', retestInstitutionId: retester.institution.id, retestInstitutionName: retester.institution.name, finalConclusion: null });
    expect((await sampleRow(s.sample.id)).finalConclusion).toBeNull();

    const body = { items: [{ item: '甲醛含量', requirement: '≤75 mg/kg', measured: '60 mg/kg', pass: true }], conclusion: 'pass' as const, reportNo: 'FJ2026-001', retestedOn: today };
    // The first institution's account: 403; another institution's: 404; an officer: 403.
    const first = await institutionWithAccount(env, s.product.code);
    await env.db.update(spotcheckSamples).set({ institutionId: first.institution.id }).where(eq(spotcheckSamples.id, s.sample.id));
    await expect(svc().retest({ actor: first.actor }, o.id, body)).rejects.toMatchObject({ status: 403 });
    const stranger = await institutionWithAccount(env, s.product.code);
    await expect(svc().retest({ actor: stranger.actor }, o.id, body)).rejects.toMatchObject({ status: 404 });
    await expect(svc().retest({ actor: officer }, o.id, body)).rejects.toMatchObject({ status: 403 });
    // Its report first; a conclusion contradicting the items is 400.
    await expect(svc().retest({ actor: retester.actor }, o.id, body)).rejects.toMatchObject({ status: 409, code: 'REPORT_MISSING' });
    await retestReportOnFile(env, s.sample.id);
    await expect(svc().retest({ actor: retester.actor }, o.id, { ...body, conclusion: 'fail' })).rejects.toMatchObject({ status: 400, code: 'CONCLUSION_MISMATCH' });
    await expect(svc().retest({ actor: retester.actor }, o.id, { ...body, items: [{ ...body.items[0]!, pass: false }] })).rejects.toMatchObject({ status: 400, code: 'CONCLUSION_MISMATCH' });
    await expect(svc().retest({ actor: retester.actor }, o.id, body, [1])).rejects.toMatchObject({ status: 412 });

    const retested = await svc().retest({ actor: retester.actor }, o.id, body, [2]);
    expect(retested).toMatchObject({ status: 'retested', retestConclusion: 'pass', retestedOn: today, upheld: true, conclusion: 'fail', finalConclusion: 'pass', retestReportNo: 'FJ2026-001', version: 3 });
    expect(await sampleRow(s.sample.id)).toMatchObject({ conclusion: 'fail', finalConclusion: 'pass', status: 'closed' });
    // Counted against the first institution's record.
    const upheld = await env.db
      .select({ id: spotcheckObjections.id })
      .from(spotcheckObjections)
      .innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckObjections.sampleId))
      .where(and(eq(spotcheckSamples.institutionId, first.institution.id), eq(spotcheckObjections.upheld, true)));
    expect(upheld).toHaveLength(1);
    // The retest institution sees it in its list; a second retest 409.
    expect((await svc().list(retester.actor, {}, { page: 1, pageSize: 50 })).items.map((i) => i.id)).toEqual([o.id]);
    await expect(svc().retest({ actor: retester.actor }, o.id, body)).rejects.toMatchObject({ status: 409, code: 'NOT_ACCEPTED' });
    expect(await auditActions(o.id)).toEqual(expect.arrayContaining(['spotcheck_objection.filed', 'spotcheck_objection.accepted', 'spotcheck_objection.retested']));
  });

  it('a retest confirming the first conclusion is not upheld; the final conclusion stays fail', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const { actor: head } = await staff(['section_head'], '320800');
    const s = await notifiedSample(env);
    const o = await svc().fileByOfficer({ actor: officer }, s.sample.id, { filedOn: today, reason: '异议' });
    const retester = await institutionWithAccount(env, s.product.code);
    await svc().decide({ actor: head }, o.id, { accept: true, reason: '受理', retestInstitutionId: retester.institution.id });
    await retestReportOnFile(env, s.sample.id);
    const r = await svc().retest({ actor: retester.actor }, o.id, { items: [{ item: '甲醛含量', requirement: '≤75 mg/kg', measured: '118 mg/kg', pass: false }], conclusion: 'fail', reportNo: 'FJ-2', retestedOn: today });
    expect(r).toMatchObject({ upheld: false, finalConclusion: 'fail' });
  });
});

describe('the follow-up of a failure', () => {
  it('runs in order: order → recheck failed → notice → suspend → close; every other step 409 INVALID_TRANSITION; NOT_FINAL before; If-Match', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const open = await notifiedSample(env);
    await expect(fu().act({ actor: officer }, open.sample.id, { action: 'order' })).rejects.toMatchObject({ status: 409, code: 'NOT_FINAL' });
    const passed = await notifiedSample(env, { conclusion: 'pass', receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    await expect(fu().act({ actor: officer }, passed.sample.id, { action: 'order' })).rejects.toMatchObject({ status: 409, code: 'NOT_FAILED' });

    // The window passed without an objection: the fail is final (recorded on the sample).
    const s = await notifiedSample(env, { receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    const id = s.sample.id;
    for (const action of ['recheck', 'notice', 'suspend', 'close'] as const) {
      await expect(fu().act({ actor: officer }, id, { action, passed: false, note: 'x' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION', details: { stage: null, action } });
    }
    const ordered = await fu().act({ actor: officer }, id, { action: 'order', note: '限期整改' });
    expect(ordered).toMatchObject({ stage: 'ordered', dueOn: addDays(today, env.config.spotcheckRules.correctionDays), overdue: false, version: 1, allowedActions: ['recheck'], failingItems: ['甲醛含量'] });
    expect(ordered.orderNo).toMatch(/质整〔\d{4}〕\d+号$/);
    expect(ordered.steps).toEqual([expect.objectContaining({ action: 'order', on: today, byName: officer.name, note: '限期整改', documentNo: ordered.orderNo })]);
    expect(await sampleRow(id)).toMatchObject({ finalConclusion: 'fail', status: 'closed' });
    const doc = await fu().orderDocument(officer, id);
    expect(doc.content.subarray(0, 2).toString()).toBe('PK');

    const invalidAt = async (stage: string, actions: readonly string[]) => {
      for (const action of actions) {
        await expect(fu().act({ actor: officer }, id, { action: action as 'order', passed: false, note: 'x' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION', details: { stage, action } });
      }
    };
    await invalidAt('ordered', ['order', 'notice', 'suspend', 'close']);
    await expect(fu().act({ actor: officer }, id, { action: 'recheck' })).rejects.toMatchObject({ status: 400, details: { field: 'passed' } });
    await expect(fu().act({ actor: officer }, id, { action: 'recheck', passed: false }, [9])).rejects.toMatchObject({ status: 412 });
    const failed = await fu().act({ actor: officer }, id, { action: 'recheck', passed: false, note: '仍不合格' }, [1]);
    expect(failed).toMatchObject({ stage: 'rechecked_failed', dueOn: null, version: 2, allowedActions: ['notice'] });
    await invalidAt('rechecked_failed', ['order', 'recheck', 'suspend', 'close']);
    const noticed = await fu().act({ actor: officer }, id, { action: 'notice', note: '逾期未改正公告' });
    expect(noticed).toMatchObject({ stage: 'noticed', allowedActions: ['suspend', 'refer'] });
    await invalidAt('noticed', ['order', 'recheck', 'notice', 'close']);
    expect(await fu().act({ actor: officer }, id, { action: 'suspend', note: '责令停业整顿' })).toMatchObject({ stage: 'suspended', allowedActions: ['refer', 'close'] });
    await invalidAt('suspended', ['order', 'recheck', 'notice', 'suspend']);
    await expect(fu().act({ actor: officer }, id, { action: 'close' })).rejects.toMatchObject({ status: 400, details: { field: 'note' } });
    const closed = await fu().act({ actor: officer }, id, { action: 'close', note: '整顿期满复查合格' });
    expect(closed).toMatchObject({ stage: 'closed', allowedActions: [], version: 5 });
    expect(closed.steps.map((s) => s.action)).toEqual(['order', 'recheck_failed', 'notice', 'suspend', 'close']);
    await invalidAt('closed', ['order', 'recheck', 'notice', 'suspend', 'close']);
    expect(await auditActions(closed.id)).toEqual(expect.arrayContaining(['spotcheck_followup.order', 'spotcheck_followup.recheck_failed', 'spotcheck_followup.notice', 'spotcheck_followup.suspend', 'spotcheck_followup.close']));
  });

  it('a re-check that passes closes; dates not after today nor before the previous step', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const s = await notifiedSample(env, { receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    await expect(fu().act({ actor: officer }, s.sample.id, { action: 'order', on: addDays(today, -15) })).rejects.toMatchObject({ status: 400, details: { field: 'on' } });
    await expect(fu().act({ actor: officer }, s.sample.id, { action: 'order', on: addDays(today, 1) })).rejects.toMatchObject({ status: 400, details: { field: 'on' } });
    await expect(fu().act({ actor: officer }, s.sample.id, { action: 'order', on: addDays(today, -5), dueOn: addDays(today, -5) })).rejects.toMatchObject({ status: 400, details: { field: 'dueOn' } });
    await fu().act({ actor: officer }, s.sample.id, { action: 'order', on: addDays(today, -5), dueOn: addDays(today, 20) });
    await expect(fu().act({ actor: officer }, s.sample.id, { action: 'recheck', passed: true, on: addDays(today, -6) })).rejects.toMatchObject({ status: 400, details: { field: 'on' } });
    expect(await fu().act({ actor: officer }, s.sample.id, { action: 'recheck', passed: true })).toMatchObject({ stage: 'rechecked_passed', allowedActions: ['close'] });
    expect(await fu().act({ actor: officer }, s.sample.id, { action: 'close', note: '整改完成' })).toMatchObject({ stage: 'closed' });
  });

  it('an order whose deadline passed without a re-check: a to-do for the enterprise’s county bureau (idempotent), resolved by the re-check; listed as overdue', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const s = await notifiedSample(env, { receivedOn: addDays(today, -60), objectionDueOn: addDays(today, -45) });
    const f = await fu().act({ actor: officer }, s.sample.id, { action: 'order', on: addDays(today, -40), dueOn: addDays(today, -10) });
    expect(f.overdue).toBe(true);
    const first = await inTransaction(env.db, (tx) => fu().followupsDue(tx, today));
    expect(first.created).toBeGreaterThanOrEqual(1);
    const again = await inTransaction(env.db, (tx) => fu().followupsDue(tx, today));
    expect(again.created).toBe(0);
    const lianshui = await env.orgIn('320826');
    const [todo] = await env.db.select().from(todos).where(and(eq(todos.kind, RECHECK_OVERDUE_TODO), eq(todos.subjectId, f.id)));
    expect(todo).toMatchObject({ status: 'open', orgId: lianshui.id, permission: 'spotcheck.sample', dueOn: addDays(today, -10), regionCode: '320826' });
    expect((await env.services.todos.list(officer, { page: 1, pageSize: 100 })).items.map((t) => t.subjectId)).toContain(f.id);
    expect((await fu().list(officer, { overdue: true }, { page: 1, pageSize: 100 })).items.map((i) => i.id)).toContain(f.id);
    expect((await fu().list(officer, { overdue: false }, { page: 1, pageSize: 100 })).items.map((i) => i.id)).not.toContain(f.id);
    await fu().act({ actor: officer }, s.sample.id, { action: 'recheck', passed: true });
    const [after] = await env.db.select().from(todos).where(and(eq(todos.kind, RECHECK_OVERDUE_TODO), eq(todos.subjectId, f.id)));
    expect(after!.status).toBe('resolved');
    expect((await inTransaction(env.db, (tx) => fu().followupsDue(tx, today))).created).toBe(0);
  });

  it('every step awaiting the bureau is a to-do of the enterprise’s county bureau: order, notice, suspension or referral, closing; none while an order runs; resolved step by step', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const { actor: xuyi } = await staff(['county_officer'], '320830');
    const { actor: head } = await staff(['section_head'], '320800');
    const lianshui = await env.orgIn('320826');
    const stepTodos = async (sampleId: string) => env.db.select().from(todos).where(and(eq(todos.kind, FOLLOWUP_STEP_TODO), eq(todos.subjectId, sampleId)));
    const open = async (sampleId: string) => (await stepTodos(sampleId)).filter((t) => t.status === 'open');
    const listed = async (actor: Actor) => (await env.services.todos.list(actor, { page: 1, pageSize: 500 })).items.filter((t) => t.kind === FOLLOWUP_STEP_TODO).map((t) => t.subjectId);

    // A fail made final by the daily jobs (the window passed without an objection): a to-do to order the correction.
    const s = await notifiedSample(env, { receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    const id = s.sample.id;
    expect(await open(id)).toEqual([]);
    await inTransaction(env.db, (tx) => env.services.spotchecks.sampling.finalizeDue(tx, today));
    await inTransaction(env.db, (tx) => fu().followupsDue(tx, today));
    expect(await open(id)).toEqual([expect.objectContaining({ key: `${FOLLOWUP_STEP_TODO}:${id}:none`, orgId: lianshui.id, permission: 'spotcheck.sample', regionCode: '320826', link: `/spotcheck-samples/${id}`, title: expect.stringContaining('责令整改') })]);
    expect(await listed(officer)).toContain(id);
    expect(await listed(xuyi)).not.toContain(id);
    expect((await inTransaction(env.db, (tx) => fu().followupsDue(tx, today))).created).toBe(0); // idempotent

    // Each step resolves its to-do at once and raises the next one's; an order waiting for its deadline has none.
    const expectStep = async (stage: string | null, words?: string) => {
      const now = await open(id);
      if (stage === null) return expect(now).toEqual([]);
      expect(now).toEqual([expect.objectContaining({ key: `${FOLLOWUP_STEP_TODO}:${id}:${stage}`, title: expect.stringContaining(words!) })]);
    };
    await fu().act({ actor: officer }, id, { action: 'order' });
    await expectStep(null);
    await fu().act({ actor: officer }, id, { action: 'recheck', passed: false });
    await expectStep('rechecked_failed', '公告');
    await fu().act({ actor: officer }, id, { action: 'notice' });
    await expectStep('noticed', '责令停业整顿或移送立案');
    await fu().act({ actor: officer }, id, { action: 'suspend' });
    await expectStep('suspended', '移送立案或结束后处理');
    await fu().act({ actor: officer }, id, { action: 'close', note: '整顿完毕' });
    await expectStep(null);
    expect((await stepTodos(id)).map((t) => t.status)).toEqual(['resolved', 'resolved', 'resolved', 'resolved']);

    // A fail made final by refusing the objection: its to-do at once; a pass made final: none.
    const refused = await notifiedSample(env);
    const o = await svc().fileByOfficer({ actor: officer }, refused.sample.id, { filedOn: today, reason: '异议' });
    await svc().decide({ actor: head }, o.id, { accept: false, reason: '异议理由不成立' });
    expect(await open(refused.sample.id)).toEqual([expect.objectContaining({ key: `${FOLLOWUP_STEP_TODO}:${refused.sample.id}:none` })]);
    const passed = await notifiedSample(env, { conclusion: 'pass' });
    const po = await svc().fileByOfficer({ actor: officer }, passed.sample.id, { filedOn: today, reason: '异议' });
    await svc().decide({ actor: head }, po.id, { accept: false, reason: '不成立' });
    await inTransaction(env.db, (tx) => fu().followupsDue(tx, today));
    expect(await stepTodos(passed.sample.id)).toEqual([]);
  });

  it('a county user of another county: 404 on the follow-up, its order and its list', async () => {
    const { actor: officer } = await staff(['county_officer'], '320826');
    const { actor: xuyi } = await staff(['county_officer'], '320830');
    const s = await notifiedSample(env, { receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    await expect(fu().act({ actor: xuyi }, s.sample.id, { action: 'order' })).rejects.toMatchObject({ status: 404 });
    const f = await fu().act({ actor: officer }, s.sample.id, { action: 'order' });
    await expect(fu().get(xuyi, s.sample.id)).rejects.toMatchObject({ status: 404 });
    await expect(fu().orderDocument(xuyi, s.sample.id)).rejects.toMatchObject({ status: 404 });
    expect((await fu().list(xuyi, {}, { page: 1, pageSize: 100 })).items.map((i) => i.id)).not.toContain(f.id);
    expect(await fu().get(officer, s.sample.id)).toMatchObject({ id: f.id, stage: 'ordered' });
  });
});
