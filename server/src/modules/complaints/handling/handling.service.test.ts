import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { parseIfMatch } from '../../../platform/http/etag.js';
import { maskName, maskPhone } from '../../../platform/secrets/personal-data.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { complaintEvents, complaints } from '../complaints.schema.js';
import { makeComplaint } from '../testing.js';
import type { ActionBody } from './actions.js';

/**
 * Issue 17, handling without HTTP: every action and its 409s, the legal clocks across Golden Week
 * and the Spring Festival 2026 (调休 Saturdays), the 3-year rule, masking and the audited reveal,
 * data scope, the enterprise's view.
 */
const env = useServiceEnv();
const handling = () => env.services.complaints.handling;
const clocks = () => env.services.complaints.clocks;

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

/** The sealed and masked columns of a named reporter (as intake writes them). */
function named(name = '张三', phone = '13812345678') {
  const p = env.services.personal;
  return {
    anonymous: false,
    reporterNameSealed: p.seal(name),
    reporterPhoneSealed: p.seal(phone),
    reporterIdNumberSealed: p.seal('320826199001011234'),
    reporterAddressSealed: p.seal('涟水县某街道1号'),
    reporterNameMasked: maskName(name),
    reporterPhoneMasked: maskPhone(phone),
  };
}

/** An item with the clocks intake starts at receipt (accept for a complaint, verify for a report). */
async function item(input: Parameters<typeof makeComplaint>[1] = {}) {
  const row = await makeComplaint(env, input);
  if (row.kind === 'complaint') await clocks().start(env.db, row.id, 'accept', row.receivedOn);
  if (row.kind === 'report') await clocks().start(env.db, row.id, 'verify', row.receivedOn);
  return row;
}

const act = (actor: Actor, id: string, body: ActionBody, expected?: readonly number[]) => handling().act({ actor }, id, body, expected);
const clock = (json: { deadlines: { kind: string }[] }, kind: string) => json.deadlines.find((d) => d.kind === kind) as { dueOn: string; certain: boolean; state: string; metOn: string | null; extended: boolean; cancelledOn: string | null } | undefined;

describe('complaints: accept within 7 working days, mediation 45, the 3-year rule', () => {
  it('across the Spring Festival 2026 (Feb 15–23, Sat Feb 14 and Feb 28 worked): accept due Feb 28, mediation due Apr 23', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const row = await item({ kind: 'complaint', receivedOn: '2026-02-12', subjectUscc: e.uscc, subjectName: e.name, subjectEnterpriseId: e.id, ...named() });
    const a = await officer();
    const before = await handling().get(a, row.id);
    expect(clock(before, 'accept')).toMatchObject({ dueOn: '2026-02-28', certain: true });
    expect(before.allowedActions).toEqual(['accept', 'refuse', 'route', 'link']);

    today('2026-02-12');
    const accepted = await act(a, row.id, { action: 'accept', note: '符合受理条件' });
    expect(accepted).toMatchObject({ status: 'accepted', decidedOn: '2026-02-12', handlerName: a.name, version: row.version + 1 });
    expect(accepted.acknowledgedAt).not.toBeNull();
    expect(clock(accepted, 'accept')).toMatchObject({ metOn: '2026-02-12', state: 'met' });
    expect(clock(accepted, 'mediation')).toMatchObject({ dueOn: '2026-04-23', certain: true, state: 'open' });
    expect(accepted.timeline.map((t) => t.kind)).toEqual(['acknowledged', 'accepted']);
    expect(accepted.allowedActions).toEqual(['mediate', 'close', 'route', 'link']);
    await expect(act(a, row.id, { action: 'accept' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('refuses to accept one over three years old (409 COMPLAINT_TOO_OLD) but lists accept; exactly three years is accepted', async () => {
    const a = await officer();
    const old = await item({ kind: 'complaint', receivedOn: '2026-03-10', occurredOn: '2023-03-09', ...named() });
    const json = await handling().get(a, old.id);
    expect(json).toMatchObject({ tooOld: true });
    expect(json.allowedActions).toContain('accept');
    await expect(act(a, old.id, { action: 'accept' })).rejects.toMatchObject({ status: 409, code: 'COMPLAINT_TOO_OLD' });
    const refused = await act(a, old.id, { action: 'refuse', reason: '投诉事项发生超过三年' });
    expect(refused).toMatchObject({ status: 'refused', refusalReason: '投诉事项发生超过三年', publicResult: '投诉事项发生超过三年', allowedActions: [] });
    expect(clock(refused, 'accept')?.metOn).toBe(todayInChina());

    const edge = await item({ kind: 'complaint', receivedOn: '2026-03-10', occurredOn: '2023-03-10', ...named() });
    expect((await act(a, edge.id, { action: 'accept' })).status).toBe('accepted');
  });

  it('mediates only with a subject enterprise, whose accounts get a to-do; close needs the mediation result', async () => {
    const a = await officer();
    const none = await item({ kind: 'complaint', ...named() });
    await act(a, none.id, { action: 'accept' });
    expect((await handling().get(a, none.id)).allowedActions).not.toContain('mediate');
    await expect(act(a, none.id, { action: 'mediate' })).rejects.toMatchObject({ status: 409, code: 'NO_SUBJECT_ENTERPRISE' });

    const e = await makeEnterprise(env, { regionCode: '320826' });
    const row = await item({ kind: 'complaint', subjectUscc: e.uscc, subjectName: e.name, subjectEnterpriseId: e.id, ...named() });
    await act(a, row.id, { action: 'accept' });
    const mediating = await act(a, row.id, { action: 'mediate', note: '组织双方调解' });
    expect(mediating.status).toBe('mediating');
    const [todo] = await env.db.select().from(todos).where(and(eq(todos.kind, 'complaint.mediation'), eq(todos.subjectId, row.id)));
    expect(todo).toMatchObject({ enterpriseUscc: e.uscc, link: `/my/complaints/${row.id}`, status: 'open', dueOn: clock(mediating, 'mediation')!.dueOn });

    await expect(act(a, row.id, { action: 'close', publicResult: '双方达成调解协议', substantiated: true })).rejects.toMatchObject({ status: 400, details: { field: 'mediationResult' } });
    await expect(act(a, row.id, { action: 'close', publicResult: '双方达成调解协议', mediationResult: 'agreed' })).rejects.toMatchObject({ status: 400, details: { field: 'substantiated' } });
    const closed = await act(a, row.id, { action: 'close', publicResult: '双方达成调解协议', mediationResult: 'agreed', substantiated: true });
    expect(closed).toMatchObject({ status: 'closed', mediationResult: 'agreed', substantiated: true, publicResult: '双方达成调解协议', publicResultApprovedBy: a.userId, allowedActions: [] });
    expect(clock(closed, 'mediation')).toMatchObject({ metOn: todayInChina(), state: 'met' });
    expect(closed.timeline.at(-1)).toMatchObject({ kind: 'closed', public: true, note: '双方达成调解协议' });
    const [after] = await env.db.select().from(todos).where(and(eq(todos.kind, 'complaint.mediation'), eq(todos.subjectId, row.id)));
    expect(after!.status).toBe('resolved');
  });
});

describe('reports: verify within 15 (+15 once, section head), tell a named reporter within 5', () => {
  it('across Golden Week 2026 (Oct 1–7, Sun Sep 20 and Sat Oct 10 worked): verify due Oct 26, extended to Nov 16 once; notify due Oct 13', async () => {
    const row = await item({ kind: 'report', receivedOn: '2026-09-29', ...named() });
    const a = await officer();
    const h = await head();
    const received = await handling().get(a, row.id);
    expect(clock(received, 'verify')).toMatchObject({ dueOn: '2026-10-26', certain: true });

    const verifying = await act(a, row.id, { action: 'accept' });
    expect(verifying.status).toBe('verifying');
    expect(verifying.timeline.map((t) => t.kind)).toContain('verification_started');
    expect(verifying.allowedActions).toEqual(['verify', 'route', 'link']); // close waits for the notification, extend for a section head
    expect((await handling().get(h, row.id)).allowedActions).toEqual(['extend']);

    await expect(act(a, row.id, { action: 'extend', reason: '需要检测' })).rejects.toMatchObject({ status: 403 });
    await expect(act(h, row.id, { action: 'extend' })).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    const extended = await act(h, row.id, { action: 'extend', reason: '需委托检验机构检测' });
    expect(clock(extended, 'verify')).toMatchObject({ dueOn: '2026-11-16', extended: true });
    expect(extended.allowedActions).toEqual([]);
    await expect(act(h, row.id, { action: 'extend', reason: '再延一次' })).rejects.toMatchObject({ status: 409, code: 'ALREADY_EXTENDED' });

    await expect(act(a, row.id, { action: 'notify_reporter', channel: 'phone' })).rejects.toMatchObject({ status: 409, code: 'NOT_DECIDED' });
    await expect(act(a, row.id, { action: 'verify', substantiated: true, findings: '' } as ActionBody)).rejects.toMatchObject({ status: 400, details: { field: 'caseOpened' } });
    today('2026-09-30');
    const verified = await act(a, row.id, { action: 'verify', substantiated: true, caseOpened: true, findings: '现场核查属实，已立案调查' });
    expect(verified).toMatchObject({ decidedOn: '2026-09-30', substantiated: true, caseOpened: true, result: '现场核查属实，已立案调查' });
    expect(clock(verified, 'verify')).toMatchObject({ metOn: '2026-09-30', state: 'met' });
    expect(clock(verified, 'notify')).toMatchObject({ dueOn: '2026-10-13', certain: true, state: 'open' });
    expect(verified.allowedActions).toEqual(['notify_reporter', 'route', 'link']);
    await expect(act(a, row.id, { action: 'verify', substantiated: false, caseOpened: false, findings: '改变结论' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });

    await expect(act(a, row.id, { action: 'close', publicResult: '经核查，举报属实，已立案' })).rejects.toMatchObject({ status: 409, code: 'REPORTER_NOT_NOTIFIED' });
    await expect(act(a, row.id, { action: 'notify_reporter', channel: 'fax' } as unknown as ActionBody)).rejects.toMatchObject({ status: 400, details: { field: 'channel' } });
    const notified = await act(a, row.id, { action: 'notify_reporter', channel: 'phone', note: '已电话告知立案' });
    expect(clock(notified, 'notify')).toMatchObject({ metOn: '2026-09-30', state: 'met' });
    expect(notified.reporterNotified).toBe(true);
    expect(notified.allowedActions).toEqual(['close', 'route', 'link']);
    await expect(act(a, row.id, { action: 'notify_reporter', channel: 'sms' })).rejects.toMatchObject({ status: 409, code: 'ALREADY_NOTIFIED' });

    const closed = await act(a, row.id, { action: 'close', publicResult: '经核查，举报属实，已立案查处' });
    expect(closed).toMatchObject({ status: 'closed', substantiated: true, publicResult: '经核查，举报属实，已立案查处' });
    await expect(act(a, row.id, { action: 'route', reason: 'x', topic: 'metrology' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('an anonymous report closes without notification and needs substantiated when not verified', async () => {
    const a = await officer();
    const row = await item({ kind: 'report' });
    await act(a, row.id, { action: 'accept' });
    await expect(act(a, row.id, { action: 'close', publicResult: '未发现问题' })).rejects.toMatchObject({ status: 400, details: { field: 'substantiated' } });
    const closed = await act(a, row.id, { action: 'close', publicResult: '未发现问题', substantiated: false, result: '现场检查未发现' });
    expect(closed).toMatchObject({ status: 'closed', substantiated: false, result: '现场检查未发现', decidedOn: todayInChina(), reporter: null });
    expect(clock(closed, 'verify')?.state).toBe('met');
    expect(clock(closed, 'notify')).toBeUndefined();
  });

  it('refusing a report cancels its verification clock', async () => {
    const a = await officer();
    const row = await item({ kind: 'report' });
    const refused = await act(a, row.id, { action: 'refuse', reason: '不属于本部门职责' });
    expect(refused).toMatchObject({ status: 'refused', publicResult: '不属于本部门职责' });
    expect(clock(refused, 'verify')).toMatchObject({ state: 'cancelled' });
  });
});

describe('every action', () => {
  it('answers 409 INVALID_TRANSITION where the state does not allow it, 412 on a stale If-Match, 400 on an unknown action', async () => {
    const a = await officer();
    const enquiry = await item({ kind: 'enquiry' });
    for (const action of ['accept', 'refuse', 'mediate', 'verify', 'notify_reporter'] as const) {
      await expect(act(a, enquiry.id, { action, reason: 'x', substantiated: true, caseOpened: true, findings: 'x', channel: 'phone' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    }
    const complaint = await item({ kind: 'complaint', ...named() });
    await expect(act(a, complaint.id, { action: 'verify', substantiated: true, caseOpened: false, findings: 'x' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(act(a, complaint.id, { action: 'close', publicResult: 'x', substantiated: true })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(act(a, complaint.id, { action: 'accept' }, parseIfMatch('"9"'))).rejects.toMatchObject({ status: 412 });
    await expect(act(a, complaint.id, { action: 'dance' } as unknown as ActionBody)).rejects.toMatchObject({ status: 400 });
    const answered = await act(a, enquiry.id, { action: 'close', publicResult: '已电话答复咨询' }, parseIfMatch(`"${enquiry.version}"`));
    expect(answered).toMatchObject({ status: 'closed', substantiated: null, version: enquiry.version + 1 });
  });

  it('acknowledges once (handler set), is audited as complaint.<action> without reporter data', async () => {
    const a = await officer();
    const b = await officer();
    const row = await item({ kind: 'complaint', ...named('李四', '13900001111') });
    const ack = await handling().acknowledge({ actor: a }, row.id);
    expect(ack).toMatchObject({ handlerId: a.userId, handlerName: a.name, version: row.version + 1 });
    const again = await handling().acknowledge({ actor: b }, row.id);
    expect(again).toMatchObject({ handlerId: a.userId, version: row.version + 1 });
    await act(b, row.id, { action: 'accept' });
    const { items } = await env.services.audit.list(env.db, env.admin, { target: row.id }, { page: 1, pageSize: 20 });
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['complaint.acknowledged', 'complaint.accept']));
    const text = JSON.stringify(items);
    expect(text).not.toContain('李四');
    expect(text).not.toContain('13900001111');
  });

  it('re-routes with a reason; the item may leave the officer’s scope', async () => {
    const a = await officer('320826');
    const row = await item({ kind: 'report' });
    await expect(act(a, row.id, { action: 'route', topic: 'metrology' })).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    const other = await env.orgIn('320830');
    const moved = await act(a, row.id, { action: 'route', orgId: other.id, reason: '被举报对象在盱眙县' });
    expect(moved).toMatchObject({ orgId: other.id, regionCode: '320830', allowedActions: [] });
    expect(moved.timeline.find((t) => t.kind === 'rerouted')).toMatchObject({ toOrgName: other.name, note: '被举报对象在盱眙县' });
    expect(moved).toMatchObject({ acknowledgedAt: null, handlerId: null }); // handed on, not taken on: the new bureau acknowledges
    await expect(handling().get(a, row.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('confidential reporters and data scope', () => {
  it('masks the reporter for a county officer, shows it in full to a section head who reveals (audited, no data in the event), 403 without the permission', async () => {
    const row = await item({ kind: 'report', ...named('王小明', '13812345678') });
    const a = await officer();
    const h = await head();
    const masked = await handling().get(a, row.id);
    expect(masked.reporter).toEqual({ name: '王**', phone: '138****5678' });
    expect(masked.reporterRevealed).toBe(false);
    expect(JSON.stringify(masked)).not.toContain('13812345678');
    expect(JSON.stringify(masked)).not.toContain('320826199001011234');
    await expect(handling().get(a, row.id, { reveal: true })).rejects.toMatchObject({ status: 403 });

    const full = await handling().get(h, row.id, { reveal: true, ctx: { actor: h, ip: '10.0.0.1' } });
    expect(full.reporter).toEqual({ name: '王小明', phone: '13812345678', idNumber: '320826199001011234', address: '涟水县某街道1号', email: null });
    expect(full.reporterRevealed).toBe(true);
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.reporter_viewed', target: row.id }, { page: 1, pageSize: 5 });
    expect(items).toHaveLength(1);
    expect(items[0]!.actorName).toBe(h.name);
    expect(JSON.stringify(items[0])).not.toContain('13812345678');
    expect(JSON.stringify(items[0])).not.toContain('王小明');

    const list = await handling().list(a, { q: row.trackingNo }, { page: 1, pageSize: 5 });
    expect(list.items[0]!.reporter).toEqual({ name: '王**', phone: '138****5678' });
  });

  it('a county officer neither sees nor acts on another county’s item (404)', async () => {
    const row = await item({ kind: 'complaint', regionCode: '320830', ...named() });
    const a = await officer('320826');
    await expect(handling().get(a, row.id)).rejects.toMatchObject({ status: 404 });
    await expect(act(a, row.id, { action: 'accept' })).rejects.toMatchObject({ status: 404 });
    await expect(handling().acknowledge({ actor: a }, row.id)).rejects.toMatchObject({ status: 404 });
    expect((await handling().list(a, { q: row.trackingNo }, { page: 1, pageSize: 5 })).total).toBe(0);
    expect((await handling().list(await officer('320830'), { q: row.trackingNo }, { page: 1, pageSize: 5 })).total).toBe(1);
  });
});

describe('the list', () => {
  it('filters by kind, status, urgent, overdue, q, and shows the next open clock', async () => {
    const a = await officer('320826');
    const tag = `Q${Date.now().toString(36)}`;
    const late = await item({ kind: 'complaint', receivedOn: '2026-01-05', subjectName: `${tag} 超期公司`, ...named() });
    const fresh = await item({ kind: 'report', urgent: true, description: `${tag} 电梯困人` });
    const page = { page: 1, pageSize: 20 };
    const all = await handling().list(a, { q: tag }, page);
    expect(all.items.map((i) => i.id).sort()).toEqual([late.id, fresh.id].sort());
    expect(all.items.find((i) => i.id === late.id)!.nextClock).toMatchObject({ kind: 'accept', state: 'overdue' });
    expect((await handling().list(a, { q: tag, overdue: true }, page)).items.map((i) => i.id)).toEqual([late.id]);
    expect((await handling().list(a, { q: tag, overdue: false }, page)).items.map((i) => i.id)).toEqual([fresh.id]);
    expect((await handling().list(a, { q: tag, urgent: true }, page)).items.map((i) => i.id)).toEqual([fresh.id]);
    expect((await handling().list(a, { q: tag, kind: 'complaint', status: 'received' }, page)).items.map((i) => i.id)).toEqual([late.id]);
    expect((await handling().list(a, { q: late.trackingNo }, page)).total).toBe(1);
  });
});

describe('the subject enterprise (企业端)', () => {
  it('sees its complaint in mediation without any reporter field, answers it, never another enterprise’s', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const a = await officer();
    const row = await item({ kind: 'complaint', subjectUscc: e.uscc, subjectName: e.name, subjectEnterpriseId: e.id, description: '购买的电热水器漏电', ...named('赵六', '13700002222') });
    const { user } = await env.services.accounts.create(env.ctx, { uscc: e.uscc, username: `ent.cp.${Date.now()}`, displayName: '企业联系人' });
    const ent = (await env.services.users.loadActor(user.userId))! as Actor;
    const { user: u2 } = await env.services.accounts.create(env.ctx, { uscc: other.uscc, username: `ent.cp2.${Date.now()}`, displayName: '企业联系人' });
    const stranger = (await env.services.users.loadActor(u2.userId))! as Actor;
    const my = handling().enterprise;

    expect((await my.list(ent, { page: 1, pageSize: 10 })).total).toBe(0); // not yet in mediation
    await expect(my.get(ent, row.id)).rejects.toMatchObject({ status: 404 });
    await act(a, row.id, { action: 'accept' });
    await act(a, row.id, { action: 'mediate' });

    const list = await my.list(ent, { page: 1, pageSize: 10 });
    expect(list.items.map((i) => i.id)).toEqual([row.id]);
    const view = await my.get(ent, row.id);
    expect(view).toMatchObject({ description: '购买的电热水器漏电', status: 'mediating', canAnswer: true });
    const text = JSON.stringify(view) + JSON.stringify(list);
    for (const secret of ['reporter', '赵', '13700002222', '2222', 'anonymous', 'handlerName']) expect(text).not.toContain(secret);
    expect(view.timeline.every((t) => Object.keys(t).sort().join() === 'at,kind')).toBe(true);

    await expect(my.get(stranger, row.id)).rejects.toMatchObject({ status: 404 });
    await expect(my.answer({ actor: stranger }, row.id, { text: '不是我们' })).rejects.toMatchObject({ status: 404 });
    await expect(my.answer({ actor: ent }, row.id, { text: ' ' })).rejects.toMatchObject({ status: 400 });
    await expect(my.list(a, { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 403 });

    const answered = await my.answer({ actor: ent }, row.id, { text: '已联系消费者，同意更换' });
    expect(answered).toMatchObject({ enterpriseAnswer: '已联系消费者，同意更换' });
    expect(answered.timeline.at(-1)!.kind).toBe('enterprise_answered');
    const [todo] = await env.db.select().from(todos).where(and(eq(todos.kind, 'complaint.mediation'), eq(todos.subjectId, row.id)));
    expect(todo!.status).toBe('resolved');
    const staff = await handling().get(a, row.id);
    expect(staff.enterpriseAnswer).toBe('已联系消费者，同意更换');

    await act(a, row.id, { action: 'close', publicResult: '经调解，企业同意更换', mediationResult: 'agreed', substantiated: true });
    expect((await my.get(ent, row.id)).canAnswer).toBe(false);
    await expect(my.answer({ actor: ent }, row.id, { text: '补充' })).rejects.toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    const events = await env.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(events.find((ev) => ev.kind === 'enterprise_answered')!.actorKind).toBe('enterprise');
    void complaints;
  });
});

describe('from the public form to the reporter reading the result (有报必查，有查必果)', () => {
  it('a named public report: masked in the list, accepted, verified, the reporter told, closed; the public page shows the result', async () => {
    const { trackingNo, accessCode } = await env.services.complaints.intake.submitPublic(
      { actor: null },
      { kind: 'report', regionCode: '320826', subjectName: '某食品小作坊', place: '涟水县某镇', description: '无证生产糕点', reporter: { name: '孙八', phone: '13911112222' } },
      [],
      { channel: 'web' },
    );
    const a = await officer('320826');
    const listed = await handling().list(a, { q: trackingNo }, { page: 1, pageSize: 5 });
    expect(listed.items[0]).toMatchObject({ trackingNo, kind: 'report', status: 'received', reporter: { name: '孙*', phone: '139****2222' }, nextClock: { kind: 'verify', state: 'open' } });
    const id = listed.items[0]!.id;
    await act(a, id, { action: 'accept' });
    await act(a, id, { action: 'verify', substantiated: true, caseOpened: false, findings: '现场核查属实，责令停止生产' });
    await act(a, id, { action: 'notify_reporter', channel: 'sms' });
    const closed = await act(a, id, { action: 'close', publicResult: '经核查，举报属实，已责令停止无证生产' });
    expect(closed.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['received', 'acknowledged', 'verification_started', 'verified', 'reporter_notified', 'closed']));
    const page = await env.services.complaints.intake.publicView(trackingNo, accessCode);
    expect(page).toMatchObject({ status: 'closed', publicResult: '经核查，举报属实，已责令停止无证生产' });
    expect(JSON.stringify(page)).not.toContain(a.name);
  });
});
