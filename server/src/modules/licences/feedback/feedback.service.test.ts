import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise, randomUscc } from '../../enterprises/testing.js';
import type { TransitionTarget } from '../states.js';
import { type FeedbackInput, makeFeedbackService } from './feedback.service.js';

const env = useServiceEnv();

let seq = 0;
const notice = (uscc: string, extra: Partial<FeedbackInput> = {}): FeedbackInput => ({
  uscc,
  department: '淮安市住房和城乡建设局',
  kind: 'conditions_changed',
  summary: '企业生产场所已搬迁，不再具备许可条件',
  occurredOn: addDays(todayInChina(), -3),
  documentNo: `淮住建函〔2026〕${++seq}号`,
  ...extra,
});

const receive = (input: FeedbackInput) => env.services.feedback.receive(env.ctx, input, 'manual');

/** An enterprise with one licence, in the given region. */
async function holder(regionCode = '320826') {
  const enterprise = await makeEnterprise(env, { regionCode });
  const licence = await env.services.licences.create(env.ctx, { uscc: enterprise.uscc, type: 'industrial_product', number: `XK-FB-${++seq}-${Date.now()}`, issuedOn: '2024-03-01', issuer: '江苏省市场监督管理局' });
  return { enterprise, licence };
}

const measure = (licenceId: string, to: TransitionTarget, extra: object = {}) => ({
  decision: 'measure' as const,
  licenceId,
  to,
  reason: '住建部门通报企业已搬迁',
  legalBasis: '《工业产品生产许可证管理条例》',
  documentNo: `淮市监决〔2026〕${++seq}号`,
  ...(to === 'warning' ? { reviewOn: addDays(todayInChina(), 30) } : {}),
  ...extra,
});

const actorWith = async (roles: string[], regionCode?: string): Promise<Actor> => (await env.services.users.loadActor((await env.makeUser({ roles, regionCode })).id))!;

describe('receiving a notice', () => {
  it('lands in the queue of the holder’s competent bureau with a deadline in working days', async () => {
    const { enterprise } = await holder('320826');
    const item = await receive(notice(` ${enterprise.uscc.toLowerCase()} `));
    const county = await env.orgIn('320826');
    const due = await env.services.calendar.addWorkingDays(todayInChina(), env.config.feedbackDueWorkingDays);
    expect(item).toMatchObject({
      uscc: enterprise.uscc,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      regionCode: '320826',
      orgId: county.id,
      orgName: county.name,
      source: 'manual',
      createdByName: env.admin.name,
      receivedOn: todayInChina(),
      dueOn: due.date,
      dueCertain: due.certain,
      overdue: false,
      decision: null,
    });
  });

  it('accepts a code not in the register at the city bureau, so no notice is lost', async () => {
    const item = await receive(notice(randomUscc('320830')));
    const city = await env.orgIn('320800');
    expect(item).toMatchObject({ enterpriseId: null, enterpriseName: null, regionCode: '320800', orgId: city.id });
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const { enterprise } = await holder();
    const good = notice(enterprise.uscc);
    const wrongDigit = enterprise.uscc.slice(0, 17) + (enterprise.uscc.endsWith('0') ? '1' : '0');
    const cases: [Partial<FeedbackInput>, string, string][] = [
      [{ uscc: '91320826ABC' }, 'USCC_FORMAT', 'uscc'],
      [{ uscc: wrongDigit }, 'USCC_CHECK_DIGIT', 'uscc'],
      [{ department: ' ' }, 'VALIDATION', 'department'],
      [{ summary: '' }, 'VALIDATION', 'summary'],
      [{ summary: '很'.repeat(2001) }, 'VALIDATION', 'summary'],
      [{ kind: 'rumour' }, 'VALIDATION', 'kind'],
      [{ occurredOn: '2025-02-30' }, 'INVALID_DATE', 'occurredOn'],
      [{ occurredOn: addDays(todayInChina(), 1) }, 'INVALID_DATE', 'occurredOn'],
      [{ documentNo: 'X'.repeat(101) }, 'VALIDATION', 'documentNo'],
    ];
    const before = await env.services.feedback.list(env.admin, {}, { page: 1, pageSize: 1 });
    for (const [change, code, field] of cases) {
      await expect(receive({ ...good, ...change }), JSON.stringify(change)).rejects.toMatchObject({ code, status: 400, details: { field } });
    }
    expect((await env.services.feedback.list(env.admin, {}, { page: 1, pageSize: 1 })).total).toBe(before.total);
  });

  it('counts the deadline on the working-day calendar over a holiday, and flags it overdue once past', async () => {
    // Received on 30 September 2025: National Day runs 1–8 October and Saturday 11 October is worked.
    const received = makeFeedbackService({ ...env.services, exits: env.services.licenceExits, dueWorkingDays: 10, today: () => '2025-09-30' });
    const { enterprise } = await holder();
    const item = await received.receive(env.ctx, notice(enterprise.uscc, { occurredOn: '2025-09-29' }), 'manual');
    expect(item).toMatchObject({ receivedOn: '2025-09-30', dueOn: '2025-10-21', dueCertain: true, overdue: false });

    const queue = await env.services.feedback.list(env.admin, { overdue: true }, { page: 1, pageSize: 500 });
    expect(queue.items.find((i) => i.id === item.id)).toMatchObject({ overdue: true });
    expect(queue.items.every((i) => i.overdue && !i.decision)).toBe(true);
    await env.services.feedback.decide(env.ctx, item.id, { decision: 'none', reason: '已核实，企业已整改' });
    expect((await env.services.feedback.get(env.admin, item.id)).overdue).toBe(false);
  });

  it('joins the caller’s transaction (an import writes all its rows or none)', async () => {
    const { enterprise } = await holder();
    const input = notice(enterprise.uscc, { summary: `导入回滚${Date.now()}` });
    await expect(
      inTransaction(env.db, async (tx) => {
        const item = await env.services.feedback.receive(env.ctx, input, 'import', tx);
        expect(item).toMatchObject({ source: 'import', enterpriseId: enterprise.id });
        throw new Error('a later row failed');
      }),
    ).rejects.toThrow('a later row failed');
    const { items } = await env.services.feedback.list(env.admin, {}, { page: 1, pageSize: 500 });
    expect(items.some((i) => i.summary === input.summary)).toBe(false);
  });
});

describe('the triage queue', () => {
  it('lists open notices first by due date, with filters; the detail names the holder’s licences', async () => {
    const { enterprise, licence } = await holder('320826');
    const open = await receive(notice(enterprise.uscc, { kind: 'serious_violation' }));
    const done = await receive(notice(enterprise.uscc, { kind: 'serious_violation' }));
    await env.services.feedback.decide(env.ctx, done.id, { decision: 'none', reason: '不属于本局职责' });

    const { items } = await env.services.feedback.list(env.admin, { kind: 'serious_violation', regionCode: '320826' }, { page: 1, pageSize: 500 });
    const firstDecided = items.findIndex((i) => i.decision !== null);
    expect(items.slice(0, firstDecided).every((i) => i.decision === null)).toBe(true);
    expect(items.slice(firstDecided).every((i) => i.decision !== null)).toBe(true);
    const dues = items.slice(0, firstDecided).map((i) => i.dueOn);
    expect(dues).toEqual([...dues].sort());
    expect((await env.services.feedback.list(env.admin, { status: 'open' }, { page: 1, pageSize: 500 })).items.map((i) => i.id)).toContain(open.id);
    expect((await env.services.feedback.list(env.admin, { status: 'decided' }, { page: 1, pageSize: 500 })).items.map((i) => i.id)).toEqual(expect.arrayContaining([done.id]));
    expect((await env.services.feedback.list(env.admin, { status: 'decided' }, { page: 1, pageSize: 500 })).items.map((i) => i.id)).not.toContain(open.id);

    const detail = await env.services.feedback.get(env.admin, open.id);
    expect(detail.licences).toEqual([{ id: licence.id, typeName: '工业产品生产许可证', number: licence.number, state: 'normal', allowedTargets: licence.allowedTargets }]);
    expect(detail.exitKind).toBe('serious_violation');
  });

  it('shows a county officer only its own holders’ notices; `mine` keeps those of its own bureau', async () => {
    const county = await actorWith(['county_officer'], '320826');
    const own = await receive(notice((await holder('320826')).enterprise.uscc));
    const foreign = await receive(notice((await holder('320830')).enterprise.uscc));
    const unknown = await receive(notice(randomUscc('320826')));

    const ids = (await env.services.feedback.list(county, {}, { page: 1, pageSize: 500 })).items.map((i) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(foreign.id);
    expect(ids).not.toContain(unknown.id);
    await expect(env.services.feedback.get(county, foreign.id)).rejects.toMatchObject({ status: 404 });
    await expect(env.services.feedback.decide({ actor: county }, foreign.id, { decision: 'none', reason: '越权' })).rejects.toMatchObject({ status: 404 });
    expect((await env.services.feedback.get(env.admin, foreign.id)).decision).toBeNull();

    const mine = (await env.services.feedback.list(county, { mine: true }, { page: 1, pageSize: 500 })).items;
    expect(mine.map((i) => i.id)).toContain(own.id);
    expect(mine.every((i) => i.orgId === county.orgId)).toBe(true);
    const city = await actorWith(['city_officer']);
    const cityMine = (await env.services.feedback.list(city, { mine: true }, { page: 1, pageSize: 500 })).items.map((i) => i.id);
    expect(cityMine).toContain(unknown.id);
    expect(cityMine).not.toContain(own.id);
  });
});

describe('deciding a notice', () => {
  it('records no measure with its reason, and a decided notice is final', async () => {
    const item = await receive(notice((await holder()).enterprise.uscc));
    const officer = await actorWith(['county_officer'], '320826');
    const decided = await env.services.feedback.decide({ actor: officer }, item.id, { decision: 'none', reason: '经核实，企业仍具备许可条件' });
    expect(decided).toMatchObject({ decision: 'none', decisionReason: '经核实，企业仍具备许可条件', decidedByName: officer.name, licenceId: null, transitionId: null });
    expect(decided.decidedAt).toBeTruthy();
    await expect(env.services.feedback.decide(env.ctx, item.id, { decision: 'none', reason: '再次处理' })).rejects.toMatchObject({ code: 'FEEDBACK_DECIDED', status: 409 });
    await expect(env.services.feedback.decide(env.ctx, item.id, { decision: 'none', reason: ' ' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'reason' } });
  });

  it('applies a measure on the holder’s licence in the same step and records the transition', async () => {
    const { enterprise, licence } = await holder();
    const item = await receive(notice(enterprise.uscc));
    const decided = await env.services.feedback.decide(env.ctx, item.id, measure(licence.id, 'changeOrdered', { deadlineWorkingDays: 15 }));
    const [transition] = (await env.services.licences.timeline(env.admin, licence.id)).items;
    expect(transition).toMatchObject({ toState: 'changeOrdered', status: 'applied', reason: '住建部门通报企业已搬迁' });
    expect(decided).toMatchObject({ decision: 'measure', licenceId: licence.id, transitionId: transition!.id, decisionReason: '住建部门通报企业已搬迁' });
    expect(decided.licences[0]).toMatchObject({ id: licence.id, state: 'changeOrdered' });
  });

  it('records a measure that waits for approval; the licence keeps its state until approved', async () => {
    await env.services.licences.setApprovalRule(env.ctx, 'suspended', true);
    try {
      const { enterprise, licence } = await holder();
      const item = await receive(notice(enterprise.uscc, { kind: 'licence_suspended' }));
      const decided = await env.services.feedback.decide(env.ctx, item.id, measure(licence.id, 'suspended'));
      const [request] = (await env.services.licences.timeline(env.admin, licence.id)).items;
      expect(request).toMatchObject({ status: 'pending', toState: 'suspended' });
      expect(decided).toMatchObject({ decision: 'measure', transitionId: request!.id });
      expect((await env.services.licences.get(env.admin, licence.id)).state).toBe('normal');
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'suspended', false);
    }
  });

  it('refuses a licence of another holder, or any licence for a holder not in the register (LICENCE_NOT_OF_HOLDER)', async () => {
    const { enterprise } = await holder();
    const other = await holder();
    const item = await receive(notice(enterprise.uscc));
    await expect(env.services.feedback.decide(env.ctx, item.id, measure(other.licence.id, 'warning'))).rejects.toMatchObject({ code: 'LICENCE_NOT_OF_HOLDER', status: 400, details: { field: 'licenceId' } });
    const unknown = await receive(notice(randomUscc()));
    await expect(env.services.feedback.decide(env.ctx, unknown.id, measure(other.licence.id, 'warning'))).rejects.toMatchObject({ code: 'LICENCE_NOT_OF_HOLDER' });
    expect((await env.services.licences.get(env.admin, other.licence.id)).state).toBe('normal');
    expect((await env.services.feedback.get(env.admin, item.id)).decision).toBeNull();
  });

  it('opens an exit procedure triggered by the notice, its kind following from the notice’s', async () => {
    const { enterprise, licence } = await holder();
    const item = await receive(notice(enterprise.uscc, { kind: 'serious_violation', department: '国家税务总局淮安市税务局', summary: '企业偷税，情节严重' }));
    const decided = await env.services.feedback.decide(env.ctx, item.id, { decision: 'exit', licenceId: licence.id, reason: '税务部门认定严重违法，启动吊销程序', lawArea: 'tax' });
    expect(decided).toMatchObject({ decision: 'exit', licenceId: licence.id, exitId: expect.any(String), transitionId: null });
    const exit = await env.services.licenceExits.get(env.admin, decided.exitId!);
    expect(exit).toMatchObject({ kind: 'serious_violation', triggerSource: 'feedback', feedbackId: item.id, triggerParty: '国家税务总局淮安市税务局', triggerSummary: '企业偷税，情节严重', triggerDocumentNo: item.documentNo, triggerOn: item.occurredOn, lawArea: 'tax', stage: 'deciding' });
  });

  it('asks for the exit kind when the notice’s kind does not give one, and passes on the exit’s own field errors', async () => {
    const { enterprise, licence } = await holder();
    const other = await receive(notice(enterprise.uscc, { kind: 'other' }));
    await expect(env.services.feedback.decide(env.ctx, other.id, { decision: 'exit', licenceId: licence.id, reason: '启动退出程序' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'exitKind' } });
    const changed = await receive(notice(enterprise.uscc, { kind: 'conditions_changed' }));
    await expect(env.services.feedback.decide(env.ctx, changed.id, { decision: 'exit', licenceId: licence.id, reason: '核查是否仍具备条件' })).rejects.toMatchObject({ details: { field: 'investigatorId' } });
    expect((await env.services.feedback.get(env.admin, changed.id)).decision).toBeNull();
    const investigator = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const decided = await env.services.feedback.decide(env.ctx, changed.id, { decision: 'exit', licenceId: licence.id, reason: '核查是否仍具备条件', investigatorId: investigator.id, investigationWorkingDays: 10 });
    expect((await env.services.licenceExits.get(env.admin, decided.exitId!)).kind).toBe('conditions_lost');
  });

  it('leaves the notice open and the licence unchanged when the transition is refused (INVALID_TRANSITION)', async () => {
    const { enterprise, licence } = await holder();
    await env.services.licences.requestTransition(env.ctx, licence.id, { ...measure(licence.id, 'revoked'), to: 'revoked' });
    const item = await receive(notice(enterprise.uscc, { kind: 'licence_revoked' }));
    const before = await env.services.licences.timeline(env.admin, licence.id);
    await expect(env.services.feedback.decide(env.ctx, item.id, measure(licence.id, 'warning'))).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    expect(await env.services.feedback.get(env.admin, item.id)).toMatchObject({ decision: null, decidedAt: null, transitionId: null });
    expect((await env.services.licences.timeline(env.admin, licence.id)).total).toBe(before.total);
    expect((await env.services.licences.get(env.admin, licence.id)).state).toBe('revoked');
  });
});
