import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../../equipment/testing.js';
import { complaintEvents, complaints } from '../complaints.schema.js';
import { makeComplaint } from '../testing.js';
import type { RouteInput } from './routing.service.js';

/**
 * Issue 17, routing: where a new item goes (subject enterprise, equipment unit, given region, the
 * city), its section by topic, urgent categories and their to-dos, re-routing with a reason (the
 * timeline and the to-dos follow), acknowledgement, and the escalation of unacknowledged urgent
 * items after 2 hours (not before, not twice, not when acknowledged or closed).
 */
const env = useServiceEnv();
const routing = () => env.services.complaints.routing;
const route = (input: RouteInput) => inTransaction(env.db, (tx) => routing().route(tx, input));
const HOUR = 3_600_000;

async function sectionNamed(name: string) {
  const { items } = await env.services.jurisdiction.listOrgs(env.admin, { type: 'city_section', q: name }, { page: 1, pageSize: 5 });
  return items.find((o) => o.name === name)!;
}
async function actorIn(regionCode: string, roles = ['county_officer']): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}
const openTodos = (subjectId: string, kind: string) =>
  env.db.select().from(todos).where(and(eq(todos.subjectId, subjectId), eq(todos.kind, kind), eq(todos.status, 'open'))).orderBy(asc(todos.key));
const eventsOf = (id: string) => env.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.at), asc(complaintEvents.kind));
const reload = async (id: string) => (await env.db.select().from(complaints).where(eq(complaints.id, id)))[0]!;

/** An urgent item (电梯困人) routed to `regionCode` and the special-equipment section, dispatched. */
async function urgentItem(regionCode = '320826', extra: Partial<typeof complaints.$inferInsert> = {}) {
  const r = await route({ category: 'elevator_trapping', regionCode });
  const row = await makeComplaint(env, { kind: 'complaint', channel: 'phone', regionCode: r.regionCode, orgId: r.orgId, sectionId: r.sectionId, topic: r.topic, category: r.category, urgent: r.urgent, ...extra });
  await inTransaction(env.db, (tx) => routing().dispatch(tx, row));
  return row;
}

describe('route', () => {
  it('goes to the county bureau of the subject enterprise found by USCC, with its registered name', async () => {
    const e = await makeEnterprise(env, { regionCode: '320830' });
    const r = await route({ subjectUscc: ` ${e.uscc.toLowerCase()} `, subjectName: '别的名字', regionCode: '320826' });
    expect(r).toMatchObject({ regionCode: '320830', orgId: (await env.orgIn('320830')).id, subjectEnterpriseId: e.id, subjectName: e.name, subjectUscc: e.uscc, topic: 'other', sectionId: null, category: null, urgent: false, equipmentId: null });
  });

  it('goes by the special-equipment unit found by registration number: its region, its user as the subject, topic special equipment', async () => {
    const unit = await makeUnit(env, { regionCode: '320812' });
    const r = await route({ equipmentRegistrationNo: ` ${unit.registrationNo!} `, regionCode: '320826' });
    expect(r).toMatchObject({ regionCode: '320812', orgId: (await env.orgIn('320812')).id, equipmentId: unit.id, subjectUscc: unit.userUscc, topic: 'special_equipment', sectionId: (await sectionNamed('特种设备安全监察科')).id });
    expect(r.subjectEnterpriseId).not.toBeNull();
  });

  it('keeps an unknown USCC and registration number as given and goes by the region given', async () => {
    const r = await route({ subjectUscc: '91320800MA0000000X', subjectName: '某超市', equipmentRegistrationNo: '梯11不存在', regionCode: '320831' });
    expect(r).toMatchObject({ regionCode: '320831', orgId: (await env.orgIn('320831')).id, subjectUscc: '91320800MA0000000X', subjectName: '某超市', subjectEnterpriseId: null, equipmentId: null, topic: 'special_equipment' });
  });

  it('goes to the city bureau when nothing points to a county; refuses a region outside the jurisdiction', async () => {
    expect(await route({})).toMatchObject({ regionCode: '320800', orgId: (await env.orgIn('320800')).id, topic: 'other', sectionId: null });
    await expect(route({ regionCode: '110101' })).rejects.toMatchObject({ status: 400, code: 'VALIDATION', details: { field: 'regionCode' } });
  });

  it('takes the section from the topic: the configured one, else the section named at first start, else none', async () => {
    expect((await route({ topic: 'metrology' })).sectionId).toBe((await sectionNamed('计量科')).id);
    expect((await route({ topic: 'product_quality' })).sectionId).toBe((await sectionNamed('产品质量安全监督管理科')).id);
    const standards = await sectionNamed('标准化科');
    const topic = await routing().topics.updateTopic(env.ctx, 'standards', { sectionId: standards.id });
    expect((await route({ topic: 'standards' })).sectionId).toBe(standards.id);
    await routing().topics.updateTopic(env.ctx, 'standards', { sectionId: null }, [topic.version]);
    expect((await route({ topic: 'standards' })).sectionId).toBeNull();
    await routing().topics.updateTopic(env.ctx, 'standards', { sectionId: standards.id });
  });

  it('makes an urgent category urgent and takes its topic over the one given; refuses unknown topics and categories', async () => {
    expect(await route({ category: 'boiler_leak', topic: 'metrology', regionCode: '320826' })).toMatchObject({ topic: 'special_equipment', category: 'boiler_leak', urgent: true, sectionId: (await sectionNamed('特种设备安全监察科')).id });
    expect(await route({ category: 'measuring_short' })).toMatchObject({ topic: 'metrology', urgent: false });
    await expect(route({ topic: 'nope' })).rejects.toMatchObject({ status: 400, code: 'VALIDATION', details: { field: 'topic' } });
    await expect(route({ category: 'nope' })).rejects.toMatchObject({ status: 400, code: 'VALIDATION', details: { field: 'category' } });
    await routing().topics.createCategory(env.ctx, { key: 'retired_cat', topic: 'other', name: '停用的分类', nameEn: 'Retired' });
    await routing().topics.updateCategory(env.ctx, 'retired_cat', { active: false });
    await expect(route({ category: 'retired_cat' })).rejects.toMatchObject({ status: 400, details: { field: 'category' } });
  });
});

describe('dispatch', () => {
  it('writes received (public) and routed (to the bureau and section) and raises the urgent to-dos of both', async () => {
    const row = await urgentItem();
    const section = await sectionNamed('特种设备安全监察科');
    const events = await eventsOf(row.id);
    expect(events.map((e) => [e.kind, e.public, e.actorKind])).toEqual([
      ['received', true, 'staff'],
      ['routed', false, 'system'],
    ]);
    expect(events[1]).toMatchObject({ toOrgId: row.orgId, note: `涟水县市场监督管理局 · ${section.name}` });
    const items = await openTodos(row.id, 'complaint.urgent');
    expect(items.map((t) => [t.orgId, t.sectionId, t.permission])).toEqual(
      expect.arrayContaining([
        [row.orgId, null, 'complaint.write'],
        [null, section.id, 'complaint.write'],
      ]),
    );
    expect(items[0]!.title).toBe(`紧急投诉举报待签收：电梯困人（${row.trackingNo}）`);
    expect(items[0]).toMatchObject({ link: `/complaints/${row.id}`, regionCode: '320826' });
    // The county's officers see it on their home page.
    const officer = await actorIn('320826');
    expect((await env.services.todos.list(officer, { page: 1, pageSize: 100 })).items.map((t) => t.subjectId)).toContain(row.id);
    // Another county's officers do not.
    const elsewhere = await actorIn('320830');
    expect((await env.services.todos.list(elsewhere, { page: 1, pageSize: 100 })).items.map((t) => t.subjectId)).not.toContain(row.id);
  });

  it('a web item is received from the public; a non-urgent item raises no to-do', async () => {
    const row = await makeComplaint(env, { channel: 'web' });
    await inTransaction(env.db, (tx) => routing().dispatch(tx, row));
    expect((await eventsOf(row.id))[0]).toMatchObject({ kind: 'received', actorKind: 'public', public: true });
    expect(await openTodos(row.id, 'complaint.urgent')).toEqual([]);
  });
});

describe('reroute', () => {
  it('moves an item to another bureau with the reason in the timeline; its urgent to-dos follow; audited', async () => {
    const row = await urgentItem('320826', { handlerId: env.admin.userId, handlerName: env.admin.name });
    const to = await env.orgIn('320830');
    const officer = await actorIn('320826');
    // As handling does: the action acknowledges first, then re-routes with the row it read before.
    const after = await inTransaction(env.db, async (tx) => {
      await routing().acknowledge(tx, { actor: officer }, row);
      return routing().reroute(tx, { actor: officer }, row, { orgId: to.id, reason: '设备实际位于盱眙县' });
    });
    // The new bureau takes it on afresh: no handler, to be acknowledged there.
    expect(after).toMatchObject({ orgId: to.id, regionCode: '320830', topic: 'special_equipment', sectionId: row.sectionId, category: 'elevator_trapping', handlerId: null, handlerName: null, acknowledgedAt: null });
    const hop = (await eventsOf(row.id)).find((e) => e.kind === 'rerouted')!;
    expect(hop).toMatchObject({ fromOrgId: row.orgId, toOrgId: to.id, note: '设备实际位于盱眙县', actorKind: 'staff', actorName: officer.name });
    const items = await openTodos(row.id, 'complaint.urgent');
    expect(items.map((t) => t.orgId).filter(Boolean)).toEqual([to.id]);
    expect(items.every((t) => t.regionCode === '320830')).toBe(true);
    const { items: audit } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.rerouted', target: row.id }, { page: 1, pageSize: 5 });
    expect(audit).toHaveLength(1);
  });

  it('to another topic: its section; a category of the old topic is dropped; the bureau keeps its acknowledgement', async () => {
    const row = await urgentItem('320826');
    const officer = await actorIn('320826');
    const after = await inTransaction(env.db, async (tx) => {
      await routing().acknowledge(tx, { actor: officer }, row);
      return routing().reroute(tx, { actor: officer }, row, { topic: 'metrology', reason: '实为计量问题' });
    });
    expect(after).toMatchObject({ orgId: row.orgId, topic: 'metrology', sectionId: (await sectionNamed('计量科')).id, category: null, urgent: true, handlerId: officer.userId });
    expect(after.acknowledgedAt).not.toBeNull();
    expect(await openTodos(row.id, 'complaint.urgent')).toEqual([]);
  });

  it('an escalated item not acknowledged: its escalated to-dos follow it too', async () => {
    const row = await urgentItem('320826', { receivedAt: new Date(Date.now() - 3 * HOUR) });
    await routing().escalateUnacknowledged();
    const escalated = await reload(row.id);
    expect(escalated.escalatedAt).not.toBeNull();
    const to = await env.orgIn('320831');
    await inTransaction(env.db, (tx) => routing().reroute(tx, env.ctx, escalated, { orgId: to.id, reason: '设备在金湖县' }));
    expect((await openTodos(row.id, 'complaint.escalated')).map((t) => t.orgId).filter(Boolean)).toEqual([to.id]);
    expect((await openTodos(row.id, 'complaint.urgent')).map((t) => t.orgId).filter(Boolean)).toEqual([to.id]);
  });

  it('needs a reason and a change, and goes only to an active bureau', async () => {
    const row = await makeComplaint(env);
    const section = await sectionNamed('计量科');
    const reroute = (input: Parameters<ReturnType<typeof routing>['reroute']>[3]) => inTransaction(env.db, (tx) => routing().reroute(tx, env.ctx, row, input));
    await expect(reroute({ orgId: (await env.orgIn('320830')).id, reason: ' ' })).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    await expect(reroute({ orgId: (await env.orgIn('320830')).id, reason: 'x'.repeat(501) })).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    await expect(reroute({ orgId: row.orgId, topic: row.topic, reason: '无变化' })).rejects.toMatchObject({ status: 400, code: 'ROUTE_UNCHANGED' });
    await expect(reroute({ orgId: section.id, reason: '给科室' })).rejects.toMatchObject({ status: 400, details: { field: 'orgId' } });
    await expect(reroute({ topic: 'nope', reason: '未知专业' })).rejects.toMatchObject({ status: 400, details: { field: 'topic' } });
    const city = await reroute({ orgId: (await env.orgIn('320800')).id, reason: '跨县区，由市局办理' });
    expect(city.regionCode).toBe('320800');
  });
});

describe('acknowledge', () => {
  it('once: the time, the handler, the event; the urgent to-dos resolved', async () => {
    const row = await urgentItem();
    const officer = await actorIn('320826');
    expect(await inTransaction(env.db, (tx) => routing().acknowledge(tx, { actor: officer }, row))).toBe(true);
    const after = await reload(row.id);
    expect(after).toMatchObject({ handlerId: officer.userId, handlerName: officer.name });
    expect(after.acknowledgedAt).not.toBeNull();
    expect(await openTodos(row.id, 'complaint.urgent')).toEqual([]);
    expect(await inTransaction(env.db, (tx) => routing().acknowledge(tx, env.ctx, after))).toBe(false);
    expect((await eventsOf(row.id)).filter((e) => e.kind === 'acknowledged')).toHaveLength(1);
    expect((await reload(row.id)).handlerId).toBe(officer.userId);
  });
});

describe('escalation of unacknowledged urgent items', () => {
  it('after 2 hours, not before, not twice; a to-do for the section head and the bureau', async () => {
    const receivedAt = new Date(Date.now() - 10 * HOUR);
    const row = await urgentItem('320826', { receivedAt });
    await routing().escalateUnacknowledged(new Date(receivedAt.getTime() + 2 * HOUR - 60_000));
    expect((await reload(row.id)).escalatedAt).toBeNull();
    const at = new Date(receivedAt.getTime() + 2 * HOUR);
    await routing().escalateUnacknowledged(at);
    const after = await reload(row.id);
    expect(after.escalatedAt).toEqual(at);
    expect(after.version).toBe(row.version + 1);
    await routing().escalateUnacknowledged(new Date(at.getTime() + HOUR));
    expect((await eventsOf(row.id)).filter((e) => e.kind === 'escalated')).toHaveLength(1);
    const items = await openTodos(row.id, 'complaint.escalated');
    expect(items.map((t) => [t.orgId, t.sectionId, t.permission])).toEqual(
      expect.arrayContaining([
        [row.orgId, null, 'complaint.approve'],
        [null, row.sectionId, 'complaint.approve'],
      ]),
    );
    const { items: audit } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.escalated', target: row.id }, { page: 1, pageSize: 5 });
    expect(audit).toMatchObject([{ actorName: 'system' }]);
    // A section head of that section sees it; acknowledging resolves it.
    const headOf = await env.services.users.loadActor((await env.makeUser({ roles: ['section_head'], orgId: row.sectionId! })).id);
    expect((await env.services.todos.list(headOf as Actor, { page: 1, pageSize: 200 })).items.map((t) => t.subjectId)).toContain(row.id);
    await inTransaction(env.db, (tx) => routing().acknowledge(tx, env.ctx, after));
    expect(await openTodos(row.id, 'complaint.escalated')).toEqual([]);
  });

  it('leaves acknowledged, closed and non-urgent items alone', async () => {
    const receivedAt = new Date(Date.now() - 10 * HOUR);
    const acked = await urgentItem('320826', { receivedAt, acknowledgedAt: new Date(receivedAt.getTime() + HOUR) });
    const closed = await urgentItem('320826', { receivedAt, status: 'closed' });
    const plain = await makeComplaint(env, { receivedAt });
    await routing().escalateUnacknowledged(new Date());
    for (const r of [acked, closed, plain]) expect((await reload(r.id)).escalatedAt).toBeNull();
  });
});
