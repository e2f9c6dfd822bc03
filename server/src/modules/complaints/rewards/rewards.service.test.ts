import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { parseIfMatch } from '../../../platform/http/etag.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { complaintEvents, complaints } from '../complaints.schema.js';
import { makeComplaint } from '../testing.js';
import { checkRewardRules, rewardAmount } from './reward-rules.js';
import { complaintRewards } from './rewards.schema.js';

const env = useServiceEnv();
const rewards = () => env.services.complaints.rewards;
const today = todayInChina();
const V1 = { mode: 'fine_percent' as const, percent: 5, min: 200, max: 100000, scale: [{ level: '1', name: '一级（重大违法行为）', amount: 5000 }, { level: '2', name: '二级（较大违法行为）', amount: 2000 }, { level: '3', name: '三级（一般违法行为）', amount: 500 }] };

async function actorOf(roles: string[], regionCode = '320800'): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}
const ctxOf = (actor: Actor) => ({ actor });
const substantiatedReport = (input: Parameters<typeof makeComplaint>[1] = {}) => makeComplaint(env, { kind: 'report', substantiated: true, status: 'closed', ...input });
const eventsOf = async (complaintId: string) => env.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId));

describe('the reward rules and the amount', () => {
  it('version 1 (migration 0036) is 5 % of the fine within 200 and 100,000, or three fixed levels', async () => {
    expect(await rewards().currentRules()).toMatchObject({ version: 1, ...V1 });
  });

  it('fine_percent: the percentage of the case fine, rounded to the cent, raised to min and lowered to max; the fine is required', () => {
    expect(rewardAmount(V1, { caseFine: 10000 })).toEqual({ amount: 500, caseFine: 10000, level: null, levelName: null });
    expect(rewardAmount(V1, { caseFine: 12345.67 }).amount).toBe(617.28);
    expect(rewardAmount(V1, { caseFine: 1000 }).amount).toBe(200);
    expect(rewardAmount(V1, { caseFine: 0 }).amount).toBe(200);
    expect(rewardAmount(V1, { caseFine: 2_000_000 }).amount).toBe(100000);
    expect(rewardAmount(V1, { caseFine: 50_000_000 }).amount).toBe(100000);
    expect(() => rewardAmount(V1, {})).toThrow(expect.objectContaining({ status: 400, details: { field: 'caseFine' } }));
    expect(() => rewardAmount(V1, { caseFine: -1 })).toThrow(expect.objectContaining({ details: { field: 'caseFine' } }));
  });

  it('scale: the amount of the level; the level is required and must exist', () => {
    const scale = { ...V1, mode: 'scale' as const };
    expect(rewardAmount(scale, { level: '2' })).toEqual({ amount: 2000, caseFine: null, level: '2', levelName: '二级（较大违法行为）' });
    expect(rewardAmount(scale, { level: '3', caseFine: 80000 })).toMatchObject({ amount: 500, caseFine: 80000 });
    expect(() => rewardAmount(scale, {})).toThrow(expect.objectContaining({ details: { field: 'level' } }));
    expect(() => rewardAmount(scale, { level: '9' })).toThrow(expect.objectContaining({ status: 400, details: expect.objectContaining({ field: 'level' }) }));
  });

  it('checks a version: mode, percent 0–100, min ≤ max, unique levels, a level when the mode is scale', () => {
    expect(checkRewardRules({ ...V1, min: 100.005 })).toMatchObject({ min: 100.01 });
    expect(() => checkRewardRules({ ...V1, mode: 'bonus' })).toThrow(expect.objectContaining({ details: { field: 'mode' } }));
    expect(() => checkRewardRules({ ...V1, percent: 101 })).toThrow(expect.objectContaining({ details: { field: 'percent' } }));
    expect(() => checkRewardRules({ ...V1, min: 500, max: 400 })).toThrow(expect.objectContaining({ details: { field: 'max' } }));
    expect(() => checkRewardRules({ ...V1, scale: [V1.scale[0], V1.scale[0]] })).toThrow(expect.objectContaining({ details: { field: 'scale.1.level' } }));
    expect(() => checkRewardRules({ ...V1, mode: 'scale', scale: [] })).toThrow(expect.objectContaining({ details: { field: 'scale' } }));
  });
});

describe('a reward from proposal to payment', () => {
  it('only for a substantiated report; one open or paid reward per item; the amount by the rules; a to-do for the approvers', async () => {
    const officer = await actorOf(['county_officer'], '320826');
    const complaint = await makeComplaint(env, { kind: 'complaint', substantiated: true });
    const unverified = await makeComplaint(env, { kind: 'report' });
    const unfounded = await makeComplaint(env, { kind: 'report', substantiated: false });
    for (const c of [complaint, unverified, unfounded]) await expect(rewards().propose(ctxOf(officer), c.id, { caseFine: 10000, reason: '线索属实' })).rejects.toMatchObject({ code: 'NOT_SUBSTANTIATED', status: 409 });

    const report = await substantiatedReport();
    const r = await rewards().propose(ctxOf(officer), report.id, { caseFine: 30000, reason: '举报线索查证属实，案件已结案' });
    expect(r).toMatchObject({ complaintId: report.id, trackingNo: report.trackingNo, status: 'proposed', basis: 'fine_percent', rulesVersion: 1, caseFine: 30000, amount: 1500, level: null, proposedByName: officer.name, version: 1 });
    expect(typeof r.amount).toBe('number');
    expect(r).not.toHaveProperty('proposedById');
    await expect(rewards().propose(ctxOf(officer), report.id, { caseFine: 1, reason: '再次申请' })).rejects.toMatchObject({ code: 'REWARD_EXISTS', status: 409 });

    const [todo] = await env.db.select().from(todos).where(and(eq(todos.kind, 'complaint.reward_pending'), eq(todos.subjectId, r.id)));
    expect(todo).toMatchObject({ status: 'open', permission: 'complaint.approve', orgId: report.orgId, link: `/complaints/${report.id}`, regionCode: '320826' });
    const events = await eventsOf(report.id);
    expect(events.map((e) => [e.kind, e.public])).toEqual([['reward_proposed', false]]);
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.reward_proposed', target: r.id }, { page: 1, pageSize: 5 });
    expect(items).toHaveLength(1);
  });

  it('is approved by someone else than the proposer, then paid; approval and payment are public events', async () => {
    const officer = await actorOf(['county_officer'], '320826');
    const head = await actorOf(['section_head']);
    const report = await substantiatedReport();
    const r = await rewards().propose(ctxOf(officer), report.id, { caseFine: 10000, reason: '线索属实' });

    // Not approved yet: cannot be paid.
    await expect(rewards().pay(ctxOf(officer), r.id, { paidOn: today, paymentRef: 'ZF-001' })).rejects.toMatchObject({ code: 'REWARD_NOT_APPROVED', status: 409 });
    // The proposer may not decide on their own proposal (even holding complaint.approve).
    const both = await actorOf(['county_officer', 'section_head'], '320826');
    const own = await rewards().propose(ctxOf(both), (await substantiatedReport()).id, { caseFine: 10000, reason: '线索属实' });
    await expect(rewards().decide(ctxOf(both), own.id, { approve: true })).rejects.toMatchObject({ code: 'SELF_APPROVAL', status: 409 });

    await expect(rewards().decide(ctxOf(head), r.id, { approve: true }, parseIfMatch('"5"'))).rejects.toMatchObject({ status: 412 });
    const approved = await rewards().decide(ctxOf(head), r.id, { approve: true, note: '同意' }, parseIfMatch('"1"'));
    expect(approved).toMatchObject({ status: 'approved', decidedByName: head.name, decisionNote: '同意', amount: 500, version: 2 });
    await expect(rewards().decide(ctxOf(head), r.id, { approve: false, note: '改变主意' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    const [todo] = await env.db.select().from(todos).where(and(eq(todos.kind, 'complaint.reward_pending'), eq(todos.subjectId, r.id)));
    expect(todo!.status).toBe('resolved');

    await expect(rewards().pay(ctxOf(officer), r.id, { paidOn: addDays(today, 1), paymentRef: 'ZF-001' })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(rewards().pay(ctxOf(officer), r.id, { paidOn: today, paymentRef: 'ZF-001' }, parseIfMatch('"1"'))).rejects.toMatchObject({ status: 412 });
    const paid = await rewards().pay(ctxOf(officer), r.id, { paidOn: today, paymentRef: 'ZF-001' }, parseIfMatch('"2"'));
    expect(paid).toMatchObject({ status: 'paid', paidOn: today, paymentRef: 'ZF-001', amount: 500, version: 3 });
    await expect(rewards().pay(ctxOf(officer), r.id, { paidOn: today, paymentRef: 'ZF-002' })).rejects.toMatchObject({ code: 'REWARD_NOT_APPROVED' });
    // Paid: still the item's one reward.
    await expect(rewards().propose(ctxOf(officer), report.id, { caseFine: 1, reason: '再次申请' })).rejects.toMatchObject({ code: 'REWARD_EXISTS' });

    const events = await eventsOf(report.id);
    expect(events.map((e) => [e.kind, e.public]).sort()).toEqual([['reward_approved', true], ['reward_paid', true], ['reward_proposed', false]]);
    // What the reporter's page reads: the reward row (amount as numeric text, status, day paid).
    const [row] = await env.db.select({ amount: complaintRewards.amount, status: complaintRewards.status, paidOn: complaintRewards.paidOn }).from(complaintRewards).where(eq(complaintRewards.id, r.id));
    expect(row).toEqual({ amount: '500.00', status: 'paid', paidOn: today });
    for (const action of ['complaint.reward_approved', 'complaint.reward_paid']) {
      const { items } = await env.services.audit.list(env.db, env.admin, { action, target: r.id }, { page: 1, pageSize: 5 });
      expect(items).toHaveLength(1);
    }
  });

  it('the reporter sees the approval and the payment on the public page (the proposal stays internal)', async () => {
    const officer = await actorOf(['county_officer'], '320826');
    const head = await actorOf(['section_head']);
    const submitted = await env.services.complaints.intake.submitPublic({ actor: null }, { kind: 'report', regionCode: '320826', description: '某超市销售过期食品' }, [], { channel: 'web' });
    const [item] = await env.db.update(complaints).set({ substantiated: true, status: 'closed', publicResult: '经查属实，已立案查处' }).where(eq(complaints.trackingNo, submitted.trackingNo)).returning();
    const view = () => env.services.complaints.intake.publicView(submitted.trackingNo, submitted.accessCode);
    const r = await rewards().propose(ctxOf(officer), item!.id, { caseFine: 10000, reason: '线索属实' });
    expect((await view()).timeline.map((e) => e.kind)).not.toContain('reward_proposed');
    await rewards().decide(ctxOf(head), r.id, { approve: true });
    expect((await view()).reward).toEqual({ status: 'approved', amount: 500, paidOn: null });
    await rewards().pay(ctxOf(officer), r.id, { paidOn: today, paymentRef: 'ZF-P1' });
    const after = await view();
    expect(after.reward).toEqual({ status: 'paid', amount: 500, paidOn: today });
    expect(after.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['reward_approved', 'reward_paid']));
    expect(JSON.stringify(after)).not.toContain(officer.name);
  });

  it('a rejection needs a note, is not public, and allows a new proposal', async () => {
    const officer = await actorOf(['county_officer'], '320826');
    const head = await actorOf(['section_head']);
    const report = await substantiatedReport();
    const r = await rewards().propose(ctxOf(officer), report.id, { caseFine: 10000, reason: '线索属实' });
    await expect(rewards().decide(ctxOf(head), r.id, { approve: false })).rejects.toMatchObject({ status: 400, details: { field: 'note' } });
    expect(await rewards().decide(ctxOf(head), r.id, { approve: false, note: '案件尚未结案' })).toMatchObject({ status: 'rejected', decisionNote: '案件尚未结案' });
    await expect(rewards().pay(ctxOf(officer), r.id, { paidOn: today, paymentRef: 'ZF-003' })).rejects.toMatchObject({ code: 'REWARD_NOT_APPROVED' });
    expect((await eventsOf(report.id)).find((e) => e.kind === 'reward_rejected')).toMatchObject({ public: false });
    expect(await rewards().propose(ctxOf(officer), report.id, { caseFine: 20000, reason: '案件已结案' })).toMatchObject({ status: 'proposed', amount: 1000 });
  });

  it('a county officer sees and touches only items of their county (404 otherwise)', async () => {
    const lianshui = await actorOf(['county_officer'], '320826');
    const qingjiangpu = await actorOf(['county_officer'], '320812');
    const head = await actorOf(['section_head']);
    const report = await substantiatedReport({ regionCode: '320826' });
    await expect(rewards().propose(ctxOf(qingjiangpu), report.id, { caseFine: 10000, reason: '线索属实' })).rejects.toMatchObject({ status: 404 });
    const r = await rewards().propose(ctxOf(lianshui), report.id, { caseFine: 10000, reason: '线索属实' });
    await rewards().decide(ctxOf(head), r.id, { approve: true });
    await expect(rewards().pay(ctxOf(qingjiangpu), r.id, { paidOn: today, paymentRef: 'ZF-004' })).rejects.toMatchObject({ status: 404 });
    const theirs = await rewards().list(qingjiangpu, {}, { page: 1, pageSize: 100 });
    expect(theirs.items.map((i) => i.id)).not.toContain(r.id);
    const mine = await rewards().list(lianshui, { status: 'approved' }, { page: 1, pageSize: 100 });
    expect(mine.items.map((i) => i.id)).toContain(r.id);
    expect(mine.items.every((i) => i.regionCode.startsWith('320826') && i.status === 'approved')).toBe(true);
    expect((await rewards().list(lianshui, { complaintId: report.id }, { page: 1, pageSize: 10 })).items).toHaveLength(1);
  });
});

describe('a new version of the rules', () => {
  it('is numbered one past the highest (If-Match may name it), applies to new proposals only, and is audited', async () => {
    const officer = await actorOf(['county_officer'], '320826');
    const head = await actorOf(['section_head']);
    const before = await rewards().propose(ctxOf(officer), (await substantiatedReport()).id, { caseFine: 10000, reason: '线索属实' });
    await expect(rewards().addRules(ctxOf(head), { ...V1, mode: 'scale' }, parseIfMatch('"7"'))).rejects.toMatchObject({ status: 412 });
    const v2 = await rewards().addRules(ctxOf(head), { ...V1, mode: 'scale', scale: [{ level: 'A', name: '甲级', amount: 3000 }] }, parseIfMatch('"1"'));
    expect(v2).toMatchObject({ version: 2, mode: 'scale', scale: [{ level: 'A', name: '甲级', amount: 3000 }] });
    expect((await rewards().currentRules()).version).toBe(2);
    const after = await rewards().propose(ctxOf(officer), (await substantiatedReport()).id, { level: 'A', reason: '线索属实' });
    expect(after).toMatchObject({ basis: 'scale', level: 'A', amount: 3000, rulesVersion: 2, caseFine: null });
    await expect(rewards().propose(ctxOf(officer), (await substantiatedReport()).id, { caseFine: 10000, reason: '线索属实' })).rejects.toMatchObject({ details: expect.objectContaining({ field: 'level' }) });
    expect((await rewards().list(officer, { complaintId: before.complaintId }, { page: 1, pageSize: 5 })).items[0]).toMatchObject({ rulesVersion: 1, amount: 500 });
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.reward_rules_created', target: '2' }, { page: 1, pageSize: 5 });
    expect(items).toHaveLength(1);
    await rewards().addRules(ctxOf(head), V1);
  });
});
