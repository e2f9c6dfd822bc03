import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { maskName, maskPhone } from '../../../platform/secrets/personal-data.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../../equipment/testing.js';
import { makeInspector, makeItem } from '../../inspections/testing.js';
import { makeLicence } from '../../licences/testing.js';
import { complaintFiles } from '../complaints.schema.js';
import { makeComplaint } from '../testing.js';

/**
 * Issue 17, handling over the API: masking per role and the audited reveal, ETag and If-Match,
 * data scope, strict bodies, Act (a task with origin `complaint`, a hazard, a lead, an exit, a case
 * by id — each linked both ways), file download, and the enterprise's routes (no reporter field).
 */
const env = useTestEnv();
const PASSWORD = 'Qiye#Zhanghao2026';
let seq = 0;
type Client = Awaited<ReturnType<typeof env.login>>;

const staff = async (role: string, regionCode: string) => {
  const user = await env.makeUser({ roles: [role], regionCode });
  return { user, client: await env.login(user.username) };
};
async function accountOf(uscc: string): Promise<Client> {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.complaints.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}
function named(name = '张三', phone = '13812345678') {
  const p = env.services.personal;
  return { anonymous: false, reporterNameSealed: p.seal(name), reporterPhoneSealed: p.seal(phone), reporterNameMasked: maskName(name), reporterPhoneMasked: maskPhone(phone) };
}
const action = (c: Client, id: string, body: Record<string, unknown>, headers?: Record<string, string>) => c.post(`/api/complaints/${id}/actions`, body, headers);

describe('staff routes', () => {
  it('mask the reporter for an officer; a section head reveals (audited); ETag and If-Match; another county 404', async () => {
    const row = await makeComplaint(env, { kind: 'complaint', ...named('张三', '13812345678') });
    await env.services.complaints.clocks.start(env.db, row.id, 'accept', row.receivedOn);
    const { client: officer } = await staff('county_officer', '320826');
    const { client: head } = await staff('section_head', '320800');
    const { client: elsewhere } = await staff('county_officer', '320830');

    const list = await officer.get(`/api/complaints?q=${row.trackingNo}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: row.id, reporter: { name: '张*', phone: '138****5678' }, nextClock: { kind: 'accept', state: 'open' } });
    expect(list.body).not.toContain('13812345678');

    const detail = await officer.get(`/api/complaints/${row.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.headers.etag).toBe(`"${row.version}"`);
    expect(detail.json()).toMatchObject({ reporter: { name: '张*', phone: '138****5678' }, reporterRevealed: false, allowedActions: ['accept', 'refuse', 'route', 'link'] });
    for (const secret of ['accessCodeHash', 'reporterNameSealed', 'reporterPhoneSealed', 'open311TokenHash']) expect(detail.json()).not.toHaveProperty(secret);
    expect((await officer.get(`/api/complaints/${row.id}?reveal=true`)).statusCode).toBe(403);
    const revealed = await head.get(`/api/complaints/${row.id}?reveal=true`);
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().reporter).toMatchObject({ name: '张三', phone: '13812345678' });
    const audit = await (await env.loginAdmin()).get(`/api/audit?action=complaint.reporter_viewed&target=${row.id}`);
    expect(audit.json().total).toBe(1);
    expect(audit.body).not.toContain('13812345678');

    expect((await elsewhere.get(`/api/complaints/${row.id}`)).statusCode).toBe(404);
    expect((await action(elsewhere, row.id, { action: 'accept' })).statusCode).toBe(404);
    expect((await action(officer, row.id, { action: 'accept', extra: 1 })).statusCode).toBe(400);
    expect((await action(officer, row.id, { action: 'accept' }, { 'if-match': '"99"' })).statusCode).toBe(412);
    expect((await action(head, row.id, { action: 'accept' })).statusCode).toBe(403); // a section head approves extensions, does not handle
    const accepted = await action(officer, row.id, { action: 'accept' }, { 'if-match': `"${row.version}"` });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.headers.etag).toBe(`"${row.version + 1}"`);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: row.version + 1 });
    const again = await action(officer, row.id, { action: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    expect(again.body).not.toContain('13812345678');

    const ack = await officer.post(`/api/complaints/${row.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
  });

  it('downloads a file of an item in scope (Content-Disposition), 404 otherwise', async () => {
    const row = await makeComplaint(env, { kind: 'report' });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
    const [file] = await env.db.insert(complaintFiles).values({ complaintId: row.id, source: 'reporter', fileName: '现场照片.png', contentType: 'image/png', size: png.length, content: png }).returning();
    const { client: officer } = await staff('county_officer', '320826');
    const { client: elsewhere } = await staff('county_officer', '320830');
    const res = await officer.get(`/api/complaints/${row.id}/files/${file!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/png');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('现场照片.png'));
    expect((await elsewhere.get(`/api/complaints/${row.id}/files/${file!.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/complaints/${row.id}`)).json().files).toMatchObject([{ id: file!.id, fileName: '现场照片.png', source: 'reporter' }]);
  });
});

describe('Act: links both ways', () => {
  it('creates a task with origin complaint, links it, and the task page finds the complaint; a case only by id', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const row = await makeComplaint(env, { kind: 'report', subjectUscc: e.uscc, subjectName: e.name, subjectEnterpriseId: e.id });
    const item = await makeItem(env);
    const a = await makeInspector(env, '320826');
    const b = await makeInspector(env, '320826');
    const { client: officer } = await staff('county_officer', '320826');

    const linked = await action(officer, row.id, { action: 'link', target: 'inspection_task', create: { itemId: item.id, inspectorIds: [a.user.id, b.user.id] } });
    expect(linked.statusCode, linked.body).toBe(200);
    const link = linked.json().links[0];
    expect(link).toMatchObject({ targetType: 'inspection_task', label: expect.stringContaining(e.name) });
    const task = (await officer.get(`/api/inspection-tasks/${link.targetId}`)).json();
    expect(task).toMatchObject({ origin: 'complaint', originNote: `投诉举报 ${row.trackingNo}`, objectKey: e.uscc });
    const back = await officer.get(`/api/complaints/links?targetType=inspection_task&targetId=${link.targetId}`);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ items: [{ id: row.id, trackingNo: row.trackingNo, kind: 'report', status: 'received' }], total: 1 });
    expect(linked.json().timeline.map((t: { kind: string }) => t.kind)).toContain('acknowledged');

    const dup = await action(officer, row.id, { action: 'link', target: 'inspection_task', targetId: link.targetId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ALREADY_LINKED');
    const caseCreate = await action(officer, row.id, { action: 'link', target: 'case', create: {} });
    expect(caseCreate.statusCode).toBe(400);
    expect(caseCreate.json().error.code).toBe('TARGET_UNAVAILABLE');
    const caseId = '11111111-2222-4333-8444-555555555555';
    const byId = await action(officer, row.id, { action: 'link', target: 'case', targetId: caseId, label: '淮市监案〔2026〕1号' });
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json().links).toHaveLength(2);
    const missing = await action(officer, row.id, { action: 'link', target: 'licence_lead', targetId: caseId });
    expect(missing.statusCode).toBe(404);
  });

  it('creates a hazard on the complaint’s unit, an unlicensed-operation lead and an exit procedure, each linked', async () => {
    const unit = await makeUnit(env, { regionCode: '320826' });
    const { user: officerUser, client: officer } = await staff('county_officer', '320826');
    const hazardItem = await makeComplaint(env, { kind: 'report', equipmentId: unit.id, subjectUscc: unit.userUscc, description: '电梯经常困人' });
    const h = await action(officer, hazardItem.id, { action: 'link', target: 'equipment_hazard', create: { level: 'major', correctionDueOn: addDays(todayInChina(), 10) } });
    expect(h.statusCode, h.body).toBe(200);
    const hazard = (await officer.get(`/api/equipment-hazards/${h.json().links[0].targetId}`)).json();
    expect(hazard).toMatchObject({ source: 'complaint', equipmentId: unit.id, description: '电梯经常困人', level: 'major' });

    const leadItem = await makeComplaint(env, { kind: 'report', subjectName: '无名小作坊', place: '涟水县某村' });
    const l = await action(officer, leadItem.id, { action: 'link', target: 'licence_lead', create: {} });
    expect(l.statusCode, l.body).toBe(200);
    const lead = (await officer.get(`/api/unlicensed-leads/${l.json().links[0].targetId}`)).json();
    expect(lead).toMatchObject({ operatorName: '无名小作坊', address: '涟水县某村', regionCode: '320826', source: `投诉举报 ${leadItem.trackingNo}` });
    const noPlace = await makeComplaint(env, { kind: 'report', subjectName: '某店' });
    const bad = await action(officer, noPlace.id, { action: 'link', target: 'licence_lead', create: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('create.address');

    const licence = await makeLicence(env, { regionCode: '320826' });
    const exitItem = await makeComplaint(env, { kind: 'report', subjectUscc: licence.uscc });
    const x = await action(officer, exitItem.id, { action: 'link', target: 'licence_exit', create: { licenceId: licence.id, kind: 'conditions_lost', investigatorId: officerUser.id, investigationWorkingDays: 10 } });
    expect(x.statusCode, x.body).toBe(200);
    const exit = (await officer.get(`/api/licence-exits/${x.json().links[0].targetId}`)).json();
    expect(exit).toMatchObject({ licenceId: licence.id, triggerSource: 'complaint', triggerParty: '投诉举报', triggerDocumentNo: exitItem.trackingNo });
    const back = await officer.get(`/api/complaints/links?targetType=licence_exit&targetId=${exit.id}`);
    expect(back.json().items.map((i: { id: string }) => i.id)).toEqual([exitItem.id]);
  });
});

describe('the enterprise’s routes (企业端)', () => {
  it('list and detail without reporter fields, answer while mediating; staff routes 403, another enterprise 404', async () => {
    const e = await makeEnterprise(env, { regionCode: '320826' });
    const other = await makeEnterprise(env, { regionCode: '320826' });
    const row = await makeComplaint(env, { kind: 'complaint', subjectUscc: e.uscc, subjectName: e.name, subjectEnterpriseId: e.id, ...named('钱七', '13655556666') });
    const { client: officer } = await staff('county_officer', '320826');
    expect((await action(officer, row.id, { action: 'accept' })).statusCode).toBe(200);
    expect((await action(officer, row.id, { action: 'mediate' })).statusCode).toBe(200);
    const ent = await accountOf(e.uscc);
    const stranger = await accountOf(other.uscc);

    expect((await ent.get('/api/complaints')).statusCode).toBe(403);
    expect((await ent.get(`/api/complaints/${row.id}`)).statusCode).toBe(403);
    expect((await officer.get('/api/my/complaints')).statusCode).toBe(403);
    const list = await ent.get('/api/my/complaints');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([row.id]);
    const detail = await ent.get(`/api/my/complaints/${row.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    for (const text of [list.body, detail.body]) {
      expect(text).not.toContain('reporter');
      expect(text).not.toContain('钱');
      expect(text).not.toContain('5666');
    }
    expect((await stranger.get(`/api/my/complaints/${row.id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/my/complaints/${row.id}/answer`, { text: '不是我们' })).statusCode).toBe(404);
    expect((await ent.post(`/api/my/complaints/${row.id}/answer`, { text: '' })).statusCode).toBe(400);
    const answered = await ent.post(`/api/my/complaints/${row.id}/answer`, { text: '已与消费者协商退货' }, { 'if-match': `"${detail.json().version}"` });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ enterpriseAnswer: '已与消费者协商退货', canAnswer: true });
    expect((await officer.get(`/api/complaints/${row.id}`)).json().timeline.at(-1)).toMatchObject({ kind: 'enterprise_answered', actorKind: 'enterprise' });
  });
});
