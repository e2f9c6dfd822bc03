import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { caseEvents, caseEvidence, cases } from '../cases.schema.js';
import { caseParties } from '../oversight/oversight.schema.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeCase } from '../testing.js';
import { makeCasesService } from './cases.service.js';

/**
 * Issue 18, the lifecycle without HTTP: creation, every stage gate (409 on a skipped stage), the two
 * officers, no self-review, review returned, the defence and hearing paths, payment and closing,
 * the deadlines across the Spring Festival and Golden Week 2026 and over 2027 (no holiday data),
 * one extension each, permissions, data scope with joint parties, If-Match, the to-dos.
 */
const env = useServiceEnv();
const svc = () => env.services.cases.cases;

afterEach(() => {
  vi.useRealTimers();
});

/** Today (China) is `date` for the code under test (only Date is faked). */
function today(date: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T02:00:00Z`));
}

async function actorOf(roles: string[], regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}
const officer = (regionCode = '320826') => actorOf(['county_officer'], regionCode);
const head = () => actorOf(['section_head'], '320800');
const reviewer = () => actorOf(['legal_reviewer'], '320800');

const act = (actor: Actor, id: string, action: string, input: Record<string, unknown> = {}, expected?: readonly number[]) => svc().act({ actor }, id, action, input, expected);

/** The lifecycle's own actions among the allowed ones (the other parts add theirs: transfer, supervise, add_party…). */
const LIFECYCLE = ['open', 'decline', 'extend', 'add_evidence', 'submit_review', 'review', 'notify', 'record_defence', 'hold_hearing', 'serve', 'record_payment', 'apply_enforcement', 'close'];
const mine = (actions: readonly string[]) => actions.filter((a) => LIFECYCLE.includes(a));

const PENALTY = { penalties: [{ type: 'warning' }, { type: 'fine', amount: 5000 }], wording: '拟给予警告，并处罚款人民币5000元', violation: '销售不合格产品', legalBasis: '《中华人民共和国产品质量法》第四十九条' };

interface Team {
  a: Actor;
  b: Actor;
  h: Actor;
  r: Actor;
}
async function team(): Promise<Team> {
  return { a: await officer(), b: await officer(), h: await head(), r: await reviewer() };
}

/** Walks a case from `lead` to the given stage through the actions. */
async function walk(t: Team, id: string, to: 'investigating' | 'reviewing' | 'approved' | 'notified') {
  await act(t.h, id, 'open', { investigatorIds: [t.a.userId, t.b.userId] });
  await act(t.a, id, 'add_evidence', { kind: 'onsite', title: '现场检查笔录', collectedOn: (await svc().find(env.db, null, id)).foundOn, officerIds: [t.a.userId, t.b.userId], content: '现场发现不合格产品' });
  if (to === 'investigating') return;
  await act(t.a, id, 'submit_review', {});
  if (to === 'reviewing') return;
  await act(t.r, id, 'review', { result: 'approved', opinion: '事实清楚，证据确凿' });
  if (to === 'approved') return;
  await act(t.a, id, 'notify', { intendedPenalty: PENALTY, officerIds: [t.a.userId, t.b.userId] });
}

/** The decision's facts, written straight (the decide action belongs to the decision part). */
async function decided(id: string, amountDue: string | null, on = '2026-03-01') {
  await env.db.update(cases).set({ stage: 'decided', decidedOn: on, documentNo: `测罚〔2026〕${id.slice(0, 6)}号`, penalties: [{ type: 'fine', amount: Number(amountDue ?? 0) }], penaltyText: '罚款', amountDue }).where(eq(cases.id, id));
}

describe('creating a case', () => {
  it('a manual lead: stage lead, AJ number, the lead party, the lead clock; event and audit', async () => {
    today('2026-03-02');
    const a = await officer();
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const c = await svc().create({ actor: a }, { leadSource: 'manual', uscc: e.uscc, summary: '群众反映销售不合格电线', foundOn: '2026-02-12' });
    expect(c).toMatchObject({ stage: 'lead', partyName: e.name, uscc: e.uscc, regionCode: '320826', leadSource: 'manual', version: 1, orgName: expect.any(String) });
    expect(c.caseNo).toMatch(/^AJ2026\d{6}$/);
    expect(c.parties).toEqual([expect.objectContaining({ role: 'lead', orgId: c.orgId })]);
    // Spring Festival 2026 (02-15..23 off, Sat 02-14 and 02-28 worked): 15 working days from 02-12.
    expect(c.deadlines.lead).toEqual({ dueOn: '2026-03-11', certain: true, extended: false });
    expect(mine(c.allowedActions)).toEqual([]); // an officer cannot open or decline
    expect(c).not.toHaveProperty('enterpriseId');
    const events = await svc().events(a, c.id);
    expect(events.items.map((x) => x.action)).toEqual(['created']);
  });

  it('refuses a leadId on a manual lead, a linked source without its adapter, a future date, a bad USCC, another county', async () => {
    const a = await officer();
    const base = { summary: '线索', partyName: '某公司', foundOn: '2026-01-05' };
    await expect(svc().create({ actor: a }, { ...base, leadSource: 'manual', leadId: crypto.randomUUID() })).rejects.toMatchObject({ status: 400, details: { field: 'leadId' } });
    await expect(svc().create({ actor: a }, { ...base, leadSource: 'department', foundOn: '2099-01-01' })).rejects.toMatchObject({ status: 400, details: { field: 'foundOn' } });
    await expect(svc().create({ actor: a }, { ...base, leadSource: 'manual', uscc: '91320826MA1XXXXXX0' })).rejects.toMatchObject({ status: 400, details: { field: 'uscc' } });
    await expect(svc().create({ actor: a }, { ...base, leadSource: 'manual', regionCode: '320830' })).rejects.toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    await expect(svc().create({ actor: a }, { ...base, leadSource: 'complaint' })).rejects.toMatchObject({ status: 400, details: { field: 'leadId' } });
  });

  it('from a complaint: its facts fill the case; unknown 400 LEAD_NOT_FOUND; one open case per lead (409); no adapter 400 LEAD_SOURCE_UNAVAILABLE', async () => {
    const a = await officer();
    const item = await makeComplaint(env, { kind: 'report', receivedOn: '2026-03-02', subjectName: '某电器商行', description: '销售无3C标志的插座' });
    await expect(svc().create({ actor: a }, { leadSource: 'complaint', leadId: crypto.randomUUID() })).rejects.toMatchObject({ status: 400, code: 'LEAD_NOT_FOUND', details: { field: 'leadId' } });
    const c = await svc().create({ actor: a }, { leadSource: 'complaint', leadId: item.id });
    expect(c).toMatchObject({ leadSource: 'complaint', leadId: item.id, leadRef: item.trackingNo, partyName: '某电器商行', foundOn: '2026-03-02', summary: '销售无3C标志的插座', regionCode: item.regionCode });
    await expect(svc().create({ actor: a }, { leadSource: 'complaint', leadId: item.id })).rejects.toMatchObject({ status: 409, code: 'LEAD_ALREADY_CASE', details: { caseId: c.id } });
    expect((await svc().byLead(a, 'complaint', item.id)).items.map((x) => x.id)).toEqual([c.id]);

    const bare = makeCasesService({ ...env.services, rules: env.config.caseRules, leadSources: {}, handlers: {}, documents: env.services.cases.documents } as unknown as Parameters<typeof makeCasesService>[0]);
    await expect(bare.create({ actor: a }, { leadSource: 'equipment_hazard', leadId: crypto.randomUUID() })).rejects.toMatchObject({ status: 400, code: 'LEAD_SOURCE_UNAVAILABLE' });
  });

  it('over 2027 (no holiday data): the lead clock is uncertain', async () => {
    today('2026-12-21');
    const c = await svc().create({ actor: await officer() }, { leadSource: 'department', partyName: '某公司', summary: '市场监管部门移送', foundOn: '2026-12-20', leadRef: '淮市监函〔2026〕8号' });
    expect(c.deadlines.lead).toMatchObject({ certain: false });
    expect(c.leadRef).toBe('淮市监函〔2026〕8号');
    // The list shows the running deadline with the same uncertainty (⚠ in the web list).
    const list = await svc().list(await officer(), { q: c.caseNo }, { page: 1, pageSize: 10 });
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, nextDueOn: c.deadlines.lead.dueOn, nextDueCertain: false })]);
  });
});

describe('the stage gates', () => {
  it('every later action on a lead is 409 INVALID_TRANSITION with { stage, action }', async () => {
    const t = await team();
    const c = await makeCase(env);
    for (const [actor, action] of [
      [t.a, 'add_evidence'],
      [t.a, 'submit_review'],
      [t.r, 'review'],
      [t.a, 'notify'],
      [t.a, 'record_defence'],
      [t.a, 'hold_hearing'],
      [t.a, 'serve'],
      [t.a, 'record_payment'],
      [t.a, 'apply_enforcement'],
      [t.h, 'close'],
    ] as const) {
      await expect(act(actor, c.id, action, {}), action).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION', details: { stage: 'lead', action } });
    }
    expect(mine((await svc().get(t.h, c.id)).allowedActions)).toEqual(['open', 'decline', 'extend']);
  });

  it('investigating: no notice before review (409), no review before submission, evidence required to submit', async () => {
    const t = await team();
    const c = await makeCase(env, { foundOn: '2026-03-02' });
    await act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] });
    await expect(act(t.a, c.id, 'notify', { intendedPenalty: PENALTY, officerIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION', details: { stage: 'investigating', action: 'notify' } });
    await expect(act(t.r, c.id, 'review', { result: 'approved', opinion: '同意' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    await expect(act(t.a, c.id, 'submit_review', {})).rejects.toMatchObject({ status: 409, code: 'EVIDENCE_REQUIRED' });
    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('reviewing: no notice without an approved review (409 REVIEW_REQUIRED); decided cases only are served; close needs the money paid or enforcement applied', async () => {
    const t = await team();
    const c = await makeCase(env, { foundOn: '2026-03-02' });
    await walk(t, c.id, 'reviewing');
    await expect(act(t.a, c.id, 'notify', { intendedPenalty: PENALTY, officerIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 409, code: 'REVIEW_REQUIRED' });
    expect((await svc().get(t.a, c.id)).allowedActions).not.toContain('notify');
    await expect(act(t.a, c.id, 'serve', { servedOn: '2026-03-03', method: '直接送达', officerIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });

    const d = await makeCase(env, { foundOn: '2026-01-05' });
    await decided(d.id, '5000.00');
    await expect(act(t.h, d.id, 'close', { closingSummary: '结案' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION', details: { stage: 'decided', action: 'close' } });
    const served = await act(t.a, d.id, 'serve', { servedOn: '2026-03-02', method: '直接送达', officerIds: [t.a.userId, t.b.userId] });
    expect(served).toMatchObject({ stage: 'served', servedOn: '2026-03-02', serviceMethod: '直接送达', amountDue: 5000, amountPaid: 0 });
    await expect(act(t.h, d.id, 'close', { closingSummary: '结案' })).rejects.toMatchObject({ status: 409, code: 'NOT_EXECUTED' });
    await expect(act(t.a, d.id, 'record_payment', { amount: 6000, paidOn: '2026-03-03' })).rejects.toMatchObject({ status: 400, code: 'AMOUNT_EXCEEDS_DUE' });
    const part = await act(t.a, d.id, 'record_payment', { amount: 2000.5, paidOn: '2026-03-03' });
    expect(part).toMatchObject({ stage: 'executing', amountPaid: 2000.5 });
    await expect(act(t.h, d.id, 'close', { closingSummary: '结案' })).rejects.toMatchObject({ status: 409, code: 'NOT_EXECUTED' });
    const paid = await act(t.a, d.id, 'record_payment', { amount: 2999.5, paidOn: '2026-03-04' });
    expect(paid.amountPaid).toBe(5000);
    expect(paid.allowedActions).not.toContain('record_payment');
    await expect(act(t.a, d.id, 'record_payment', { amount: 1, paidOn: '2026-03-04' })).rejects.toMatchObject({ status: 409, code: 'NOTHING_DUE' });
    const closed = await act(t.h, d.id, 'close', { closingSummary: '罚款已缴清，结案', closedOn: '2026-03-05' });
    expect(closed).toMatchObject({ stage: 'closed', closedOn: '2026-03-05' });
    expect(mine(closed.allowedActions)).toEqual([]);

    // Enforcement applied instead of payment; a warning only (nothing due) closes from served.
    const e = await makeCase(env, { foundOn: '2026-01-05' });
    await decided(e.id, '3000.00');
    await act(t.a, e.id, 'serve', { servedOn: '2026-03-02', method: '邮寄送达', officerIds: [t.a.userId, t.b.userId] });
    await act(t.a, e.id, 'apply_enforcement', { appliedOn: '2026-03-03', court: '涟水县人民法院' });
    expect((await act(t.h, e.id, 'close', { closingSummary: '已申请强制执行' })).stage).toBe('closed');
    const w = await makeCase(env, { foundOn: '2026-01-05' });
    await decided(w.id, null);
    await act(t.a, w.id, 'serve', { servedOn: '2026-03-02', method: '直接送达', officerIds: [t.a.userId, t.b.userId] });
    const ws = await svc().get(t.h, w.id);
    expect(mine(ws.allowedActions)).toEqual(['close']);
    expect((await act(t.h, w.id, 'close', { closingSummary: '警告已送达' })).stage).toBe('closed');
  });

  it('declines a lead with its reason', async () => {
    const t = await team();
    const c = await makeCase(env);
    const d = await act(t.h, c.id, 'decline', { reason: '不属于本局管辖' });
    expect(d).toMatchObject({ stage: 'declined', declineReason: '不属于本局管辖' });
    expect(mine(d.allowedActions)).toEqual([]);
    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });
});

describe('officers, review, defence and hearing', () => {
  it('opening names at least two distinct active officers the approver sees; evidence too', async () => {
    const t = await team();
    const c = await makeCase(env, { foundOn: '2026-03-02' });
    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId] })).rejects.toMatchObject({ status: 400, code: 'TWO_OFFICERS_REQUIRED' });
    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.a.userId] })).rejects.toMatchObject({ status: 400, code: 'TWO_OFFICERS_REQUIRED' });
    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, crypto.randomUUID()] })).rejects.toMatchObject({ status: 400, details: { field: 'investigatorIds' } });
    await env.services.users.update(env.ctx, t.b.userId!, { active: false });
    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 400, details: { field: 'investigatorIds' } });
    const c2 = await officer();
    // A county officer of another county cannot be named by an officer of this one (not in its scope).
    const other = await officer('320830');
    const opened = await act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, c2.userId], openedOn: '2026-03-03' });
    expect(opened).toMatchObject({ stage: 'investigating', openedOn: '2026-03-03', investigatorIds: [t.a.userId, c2.userId], openedByName: t.h.name });
    await expect(act(t.a, c.id, 'add_evidence', { kind: 'document', title: '购货凭证', collectedOn: '2026-03-03', officerIds: [t.a.userId, other.userId] })).rejects.toMatchObject({ status: 400, details: { field: 'officerIds' } });
  });

  it('evidence: an inquiry needs its interviewee (sealed, shown masked); seizure needs its dates within 30 days', async () => {
    const t = await team();
    const c = await makeCase(env, { foundOn: '2026-03-02' });
    await walk(t, c.id, 'investigating');
    const two = [t.a.userId, t.b.userId];
    await expect(act(t.a, c.id, 'add_evidence', { kind: 'inquiry', title: '询问笔录', collectedOn: '2026-03-03', officerIds: two })).rejects.toMatchObject({ status: 400, details: { field: 'interviewee' } });
    await act(t.a, c.id, 'add_evidence', { kind: 'inquiry', title: '询问笔录', collectedOn: '2026-03-03', officerIds: two, interviewee: '王小明', content: '问：…答：…' });
    await expect(act(t.a, c.id, 'add_evidence', { kind: 'seizure', title: '扣押电线', collectedOn: '2026-03-03', officerIds: two, measureStartOn: '2026-03-03' })).rejects.toMatchObject({ status: 400, details: { field: 'measureEndOn' } });
    await expect(act(t.a, c.id, 'add_evidence', { kind: 'seizure', title: '扣押电线', collectedOn: '2026-03-03', officerIds: two, measureStartOn: '2026-03-03', measureEndOn: '2026-04-03' })).rejects.toMatchObject({ status: 400, details: { field: 'measureEndOn' } });
    await expect(act(t.a, c.id, 'add_evidence', { kind: 'document', title: '凭证', collectedOn: '2026-03-03', officerIds: two, measureStartOn: '2026-03-03' })).rejects.toMatchObject({ status: 400, details: { field: 'measureStartOn' } });
    await act(t.a, c.id, 'add_evidence', { kind: 'seizure', title: '扣押电线', collectedOn: '2026-03-03', officerIds: two, measureStartOn: '2026-03-03', measureEndOn: '2026-04-02' });
    const { items } = await svc().evidence(t.a, c.id);
    expect(items.map((e) => e.kind)).toEqual(['onsite', 'inquiry', 'seizure']);
    expect(items[1]).toMatchObject({ interviewee: '王**', officerIds: two });
    expect(JSON.stringify(items)).not.toContain('王小明');
    const [row] = await env.db.select().from(caseEvidence).where(and(eq(caseEvidence.caseId, c.id), eq(caseEvidence.kind, 'inquiry')));
    expect(env.services.personal.open(row!.intervieweeSealed!)).toBe('王小明');
  });

  it('no one reviews a case they investigate (409 SELF_REVIEW); a returned review goes back to investigation', async () => {
    const t = await team();
    const both = await actorOf(['county_officer', 'legal_reviewer'], '320826');
    const c = await makeCase(env, { foundOn: '2026-03-02' });
    await act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, both.userId] });
    await act(t.a, c.id, 'add_evidence', { kind: 'onsite', title: '现场检查笔录', collectedOn: '2026-03-02', officerIds: [t.a.userId, both.userId] });
    await act(t.a, c.id, 'submit_review', { note: '请审核' });
    expect((await svc().get(both, c.id)).allowedActions).not.toContain('review');
    await expect(act(both, c.id, 'review', { result: 'approved', opinion: '同意' })).rejects.toMatchObject({ status: 409, code: 'SELF_REVIEW' });
    await expect(act(t.a, c.id, 'review', { result: 'approved', opinion: '同意' })).rejects.toMatchObject({ status: 403 });
    const returned = await act(t.r, c.id, 'review', { result: 'returned', opinion: '证据不足，补充询问笔录' });
    expect(returned).toMatchObject({ stage: 'investigating', reviewResult: 'returned', reviewerName: t.r.name, reviewOpinion: '证据不足，补充询问笔录' });
    const again = await act(t.a, c.id, 'submit_review', {});
    expect(again).toMatchObject({ stage: 'reviewing', reviewResult: null });
    const approved = await act(t.r, c.id, 'review', { result: 'approved', opinion: '同意' });
    expect(approved).toMatchObject({ stage: 'reviewing', reviewResult: 'approved' });
    expect(approved.allowedActions).not.toContain('review');
    await expect(act(t.r, c.id, 'review', { result: 'approved', opinion: '同意' })).rejects.toMatchObject({ status: 409, code: 'ALREADY_REVIEWED' });
  });

  it('notice across Golden Week 2026: defence due 10-12 (10-10 worked), numbered per bureau and year; hearing requested and held', async () => {
    const t = await team();
    today('2026-09-29');
    const c = await makeCase(env, { foundOn: '2026-09-01' });
    await walk(t, c.id, 'approved');
    const n = await act(t.a, c.id, 'notify', { intendedPenalty: PENALTY, officerIds: [t.a.userId, t.b.userId] });
    expect(n).toMatchObject({ stage: 'notified', notifiedOn: '2026-09-29', deadlines: { defence: { dueOn: '2026-10-12', certain: true } } });
    expect(n.noticeNo).toMatch(/罚告〔2026〕\d+号$/);
    const c2 = await makeCase(env, { foundOn: '2026-09-01' });
    await walk(t, c2.id, 'notified');
    const n2 = await svc().get(t.a, c2.id);
    const num = (s: string) => Number(/〔2026〕(\d+)号/.exec(s)![1]);
    expect(num(n2.noticeNo!)).toBe(num(n.noticeNo!) + 1);

    today('2026-10-09');
    const h = await act(t.a, c.id, 'record_defence', { statement: '对违法事实无异议，申请听证', hearingRequested: true });
    expect(h).toMatchObject({ stage: 'hearing', hearingRequested: true, defenceRecordedOn: '2026-10-09' });
    expect(h.allowedActions).toContain('hold_hearing');
    await expect(act(t.a, c.id, 'hold_hearing', { heldOn: '2026-10-10', record: '听证笔录' })).rejects.toMatchObject({ status: 400, details: { field: 'heldOn' } }); // after today
    const held = await act(t.a, c.id, 'hold_hearing', { heldOn: '2026-10-09', record: '听证笔录' });
    expect(held).toMatchObject({ stage: 'hearing', hearingHeldOn: '2026-10-09' });
    await expect(act(t.a, c.id, 'hold_hearing', { heldOn: '2026-10-09', record: '再次' })).rejects.toMatchObject({ status: 409, code: 'HEARING_HELD' });

    // After the period no hearing may be asked for; a statement is still recorded (stays notified).
    today('2026-10-13');
    await expect(act(t.a, c2.id, 'record_defence', { hearingRequested: true })).rejects.toMatchObject({ status: 409, code: 'DEFENCE_PERIOD_OVER' });
    const s = await act(t.a, c2.id, 'record_defence', { statement: '无异议', hearingRequested: false });
    expect(s).toMatchObject({ stage: 'notified', defenceStatement: '无异议' });
    await expect(act(t.a, c2.id, 'record_defence', { hearingRequested: false })).rejects.toMatchObject({ status: 409, code: 'DEFENCE_RECORDED' });
  });
});

describe('deadlines and extensions', () => {
  it('lead: 15 working days across the Spring Festival, +15 once (409 ALREADY_EXTENDED)', async () => {
    today('2026-03-02');
    const t = await team();
    const c = await svc().create({ actor: t.a }, { leadSource: 'manual', partyName: '某商行', summary: '线索', foundOn: '2026-02-12' });
    expect(c.deadlines.lead).toEqual({ dueOn: '2026-03-11', certain: true, extended: false });
    await expect(act(t.a, c.id, 'extend', { kind: 'lead', reason: '案情复杂' })).rejects.toMatchObject({ status: 403 });
    const e = await act(t.h, c.id, 'extend', { kind: 'lead', reason: '案情复杂' });
    expect(e.deadlines.lead).toEqual({ dueOn: '2026-04-01', certain: true, extended: true });
    await expect(act(t.h, c.id, 'extend', { kind: 'lead', reason: '再次' })).rejects.toMatchObject({ status: 409, code: 'ALREADY_EXTENDED' });
    await expect(act(t.h, c.id, 'extend', { kind: 'decision', reason: '未立案' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('decision: 90 days from opening, +30 once; overdue shown and listed', async () => {
    const t = await team();
    today('2026-09-29');
    const c = await makeCase(env, { foundOn: '2026-09-20' });
    const o = await act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId], openedOn: '2026-09-29' });
    expect(o.deadlines.decision).toEqual({ dueOn: '2026-12-28', certain: true, extended: false });
    await expect(act(t.h, c.id, 'extend', { kind: 'lead', reason: '已立案' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    const e = await act(t.h, c.id, 'extend', { kind: 'decision', reason: '需要检验' });
    expect(e.deadlines.decision).toEqual({ dueOn: '2027-01-27', certain: true, extended: true });
    await expect(act(t.h, c.id, 'extend', { kind: 'decision', reason: '再次' })).rejects.toMatchObject({ status: 409, code: 'ALREADY_EXTENDED' });
    today('2027-01-28');
    const late = await svc().get(t.a, c.id);
    expect(late.deadlines.overdue).toBe(true);
    const list = await svc().list(t.a, { overdue: true, q: c.caseNo }, { page: 1, pageSize: 10 });
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, overdue: true, nextDueOn: '2027-01-27', nextDueCertain: true })]);
    expect((await svc().list(t.a, { overdue: false, q: c.caseNo }, { page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('to-dos: the lead clock near its date, review pending, defence over, a measure expiring; resolved when done', async () => {
    const t = await team();
    today('2026-03-06');
    const c = await makeCase(env, { foundOn: '2026-02-12', leadDueOn: '2026-03-11' });
    const open = async (kind: string) => env.db.select().from(todos).where(and(eq(todos.kind, kind), eq(todos.subjectId, c.id), eq(todos.status, 'open')));
    await svc().syncClockTodos(c.id, { today: '2026-03-05' });
    expect(await open('case.lead_deadline')).toEqual([]);
    await svc().syncClockTodos(c.id, { today: '2026-03-06' }); // 03-09, 03-10, 03-11: near
    const lead = await open('case.lead_deadline');
    expect(lead.map((x) => x.permission).sort()).toEqual(['case.approve', 'case.write']);
    expect(lead[0]).toMatchObject({ dueOn: '2026-03-11', link: `/cases/${c.id}` });

    await act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] });
    expect(await open('case.lead_deadline')).toEqual([]);
    await act(t.a, c.id, 'add_evidence', { kind: 'sealing', title: '查封仓库', collectedOn: '2026-03-06', officerIds: [t.a.userId, t.b.userId], measureStartOn: '2026-03-06', measureEndOn: '2026-03-08' });
    const measure = await open('case.measure_expiring');
    expect(measure.map((x) => x.userId ?? x.permission).sort()).toEqual([t.a.userId, t.b.userId, 'case.write'].sort());
    await act(t.a, c.id, 'submit_review', {});
    expect((await open('case.review_pending')).map((x) => x.permission)).toEqual(expect.arrayContaining(['case.review']));
    await act(t.r, c.id, 'review', { result: 'approved', opinion: '同意' });
    expect(await open('case.review_pending')).toEqual([]);
    await act(t.a, c.id, 'notify', { intendedPenalty: PENALTY, officerIds: [t.a.userId, t.b.userId] });
    expect(await open('case.defence_expired')).toEqual([]);
    await svc().syncClockTodos(undefined, { today: '2026-03-14' }); // defence due 03-13
    expect((await open('case.defence_expired')).length).toBeGreaterThan(0);
    await env.db.update(cases).set({ stage: 'closed' }).where(eq(cases.id, c.id));
    await svc().syncClockTodos(undefined, { today: '2026-03-14' });
    expect(await open('case.defence_expired')).toEqual([]);
    expect(await open('case.measure_expiring')).toEqual([]);
  });
});

describe('permissions, scope and versions', () => {
  it('403 without the action permission; another county 404; a joint party sees and acts; If-Match 412', async () => {
    const t = await team();
    const c = await makeCase(env, { foundOn: '2026-03-02' });
    await expect(act(t.a, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] })).rejects.toMatchObject({ status: 403 });
    const elsewhere = await officer('320830');
    await expect(svc().get(elsewhere, c.id)).rejects.toMatchObject({ status: 404 });
    await expect(act(elsewhere, c.id, 'decline', { reason: 'x' })).rejects.toMatchObject({ status: 403 }); // no case.approve at all
    await expect(svc().events(elsewhere, c.id)).rejects.toMatchObject({ status: 404 });
    expect((await svc().list(elsewhere, { q: c.caseNo }, { page: 1, pageSize: 10 })).total).toBe(0);

    const bureau = await env.services.jurisdiction.competentBureau('320830');
    await env.db.insert(caseParties).values({ caseId: c.id, role: 'assisting', orgId: bureau.id, addedOn: '2026-03-02', addedByName: '测试' });
    const seen = await svc().get(elsewhere, c.id);
    expect(seen.parties.map((p) => p.role)).toEqual(['lead', 'assisting']);
    expect((await svc().list(elsewhere, { q: c.caseNo }, { page: 1, pageSize: 10 })).total).toBe(1);

    await expect(act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] }, [c.version + 1])).rejects.toMatchObject({ status: 412 });
    const opened = await act(t.h, c.id, 'open', { investigatorIds: [t.a.userId, t.b.userId] }, [c.version]);
    expect(opened.version).toBe(c.version + 1);
    // The joint party's officers add evidence produced by their own bureau, seen by the lead bureau.
    const elsewhere2 = await officer('320830');
    await act(elsewhere, c.id, 'add_evidence', { kind: 'document', title: '协查材料', collectedOn: '2026-03-02', officerIds: [elsewhere.userId, elsewhere2.userId] });
    const { items } = await svc().evidence(t.a, c.id);
    expect(items).toEqual([expect.objectContaining({ title: '协查材料', producedByOrgId: bureau.id })]);
    const events = await env.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events.map((e) => e.action).sort()).toEqual(['add_evidence', 'open']);
  });
});
