import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { multipart } from '../../../test/multipart.js';
import { makeUnit } from '../testing.js';

/**
 * Issue 16, hazards over the API: an enterprise account reports a self-inspection and corrects its
 * hazard with evidence (its own only: another enterprise's 404; a supervision hazard 403), staff
 * record and correct in their county (another county 404), If-Match, the self-correction rate and
 * accidents (staff only).
 */
const env = useTestEnv();
const PASSWORD = 'Qiye#Zhanghao2026';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const today = todayInChina();
let seq = 0;
type Client = Awaited<ReturnType<typeof env.login>>;

async function accountOf(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.hazards.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}
const staff = async (role: string, regionCode: string) => env.login((await env.makeUser({ roles: [role], regionCode })).username);

function upload(as: Client, url: string, file: { name: string; content: Buffer }) {
  const { payload, headers } = multipart({ file });
  return env.app.inject({ method: 'POST', url, payload, headers: { ...headers, 'x-csrf-token': as.csrfToken! }, cookies: { zj_session: as.cookie! } });
}

const hazardBody = (equipmentId: string) => ({ equipmentId, source: 'supervision', foundOn: addDays(today, -3), description: '安全钳失效', level: 'major', correctionDueOn: addDays(today, 7) });

describe('an enterprise account', () => {
  it('reports a self-inspection with hazards and corrects one with evidence; sees its own only', async () => {
    const unit = await makeUnit(env);
    const other = await makeUnit(env);
    const ent = await accountOf(unit.userUscc);
    const admin = await env.loginAdmin();

    const si = await ent.post('/api/equipment-self-inspections', { inspectedOn: addDays(today, -1), note: '季度自查', hazards: [{ equipmentId: unit.id, description: '门锁回路短接', level: 'major', correctionDueOn: addDays(today, 5) }] });
    expect(si.statusCode, si.body).toBe(201);
    const hazard = si.json().hazards[0];
    expect(hazard).toMatchObject({ source: 'self_inspection', userUscc: unit.userUscc, status: 'open', selfInspectionId: si.json().id });
    expect((await ent.get(`/api/equipment-self-inspections/${si.json().id}`)).json()).toMatchObject({ hazardCount: 1, openHazards: 1, reportedByKind: 'enterprise' });
    expect((await ent.post('/api/equipment-self-inspections', { inspectedOn: today, hazards: [], extra: 1 })).statusCode).toBe(400);

    // A hazard of its own, self-inspection only; another enterprise's unit is not found.
    expect((await ent.post('/api/equipment-hazards', hazardBody(unit.id))).statusCode).toBe(403);
    expect((await ent.post('/api/equipment-hazards', { ...hazardBody(other.id), source: 'self_inspection' })).statusCode).toBe(404);
    const direct = await ent.post('/api/equipment-hazards', { ...hazardBody(unit.id), source: 'self_inspection' });
    expect(direct.statusCode, direct.body).toBe(201);

    // Another enterprise's hazard: every route answers 404.
    const theirs = (await admin.post('/api/equipment-hazards', hazardBody(other.id))).json();
    expect((await ent.get(`/api/equipment-hazards/${theirs.id}`)).statusCode).toBe(404);
    expect((await ent.post(`/api/equipment-hazards/${theirs.id}/correct`, { correctedOn: today })).statusCode).toBe(404);
    expect((await ent.patch(`/api/equipment-hazards/${theirs.id}`, { level: 'general' })).statusCode).toBe(404);
    expect((await upload(ent, `/api/equipment-hazards/${theirs.id}/files`, { name: 'a.png', content: PNG })).statusCode).toBe(404);
    const list = (await ent.get('/api/equipment-hazards')).json();
    expect(list.items.map((h: { userUscc: string }) => h.userUscc)).toEqual([unit.userUscc, unit.userUscc]);
    expect((await ent.get(`/api/equipment-hazards?userUscc=${other.userUscc}`)).json().total).toBe(0);

    // The correction needs evidence, checked by its bytes.
    const noEvidence = await ent.post(`/api/equipment-hazards/${hazard.id}/correct`, { correctedOn: today, note: '已修复' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.code).toBe('EVIDENCE_REQUIRED');
    const fake = await upload(ent, `/api/equipment-hazards/${hazard.id}/files`, { name: '整改.png', content: Buffer.from('<html>not a picture</html>') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('ATTACHMENT_CONTENT');
    const file = await upload(ent, `/api/equipment-hazards/${hazard.id}/files`, { name: '整改后.png', content: PNG });
    expect(file.statusCode, file.body).toBe(201);
    const download = await ent.get(`/api/equipment-hazards/${hazard.id}/files/${file.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect((await ent.post(`/api/equipment-hazards/${hazard.id}/correct`, { correctedOn: addDays(today, 1) })).json().error.code).toBe('INVALID_DATE');
    const stale = await ent.post(`/api/equipment-hazards/${hazard.id}/correct`, { correctedOn: today }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(412);
    const done = await ent.post(`/api/equipment-hazards/${hazard.id}/correct`, { correctedOn: today, note: '已修复' }, { 'if-match': '"1"' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'closed', correctedByKind: 'enterprise', correctedOnTime: true, version: 2 });
    expect(done.headers.etag).toBe('"2"');
    expect((await ent.post(`/api/equipment-hazards/${hazard.id}/correct`, { correctedOn: today })).statusCode).toBe(409);

    // Its rate: its own hazards only (nothing due yet: rate null).
    const rate = await ent.get(`/api/equipment-stats/self-correction?year=${today.slice(0, 4)}`);
    expect(rate.json()).toEqual({ year: Number(today.slice(0, 4)), found: 2, due: 0, correctedOnTime: 0, rate: null, target: 0.9 });
    expect((await ent.get(`/api/equipment-stats/self-correction?userUscc=${other.userUscc}`)).json().found).toBe(0);
    // Staff only.
    expect((await ent.get('/api/equipment-accidents')).statusCode).toBe(403);
    expect((await ent.get('/api/equipment-stats/self-correction/by-county')).statusCode).toBe(403);
  });
});

describe('staff', () => {
  it('a county officer records and corrects hazards in its county; another county is 404', async () => {
    const mine = await makeUnit(env, { regionCode: '320826' });
    const theirs = await makeUnit(env, { regionCode: '320812' });
    const officer = await staff('county_officer', '320826');
    const admin = await env.loginAdmin();
    const created = await officer.post('/api/equipment-hazards', hazardBody(mine.id));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ regionCode: '320826', equipmentCode: mine.equipmentCode, overdue: false });
    expect((await officer.post('/api/equipment-hazards', hazardBody(theirs.id))).statusCode).toBe(404);
    const far = (await admin.post('/api/equipment-hazards', hazardBody(theirs.id))).json();
    expect((await officer.get(`/api/equipment-hazards/${far.id}`)).statusCode).toBe(404);
    expect((await officer.post(`/api/equipment-hazards/${far.id}/correct`, { correctedOn: today })).statusCode).toBe(404);

    const id = created.json().id;
    const got = await officer.get(`/api/equipment-hazards/${id}`);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json().files).toEqual([]);
    expect((await officer.patch(`/api/equipment-hazards/${id}`, { level: 'general' }, { 'if-match': '"5"' })).statusCode).toBe(412);
    const patched = await officer.patch(`/api/equipment-hazards/${id}`, { level: 'general', correctionDueOn: addDays(today, 30) }, { 'if-match': '"1"' });
    expect(patched.json()).toMatchObject({ level: 'general', correctionDueOn: addDays(today, 30), version: 2 });
    expect((await officer.post(`/api/equipment-hazards/${id}/correct`, { correctedOn: addDays(today, -4) })).json().error.code).toBe('INVALID_DATE');
    const done = await officer.post(`/api/equipment-hazards/${id}/correct`, { correctedOn: today, note: '复查合格' });
    expect(done.json()).toMatchObject({ status: 'closed', correctedByKind: 'staff' });
    const listed = (await officer.get('/api/equipment-hazards?status=closed&pageSize=500')).json();
    expect(listed.items.some((h: { id: string }) => h.id === id)).toBe(true);
    expect(listed.items.every((h: { regionCode: string }) => h.regionCode.startsWith('320826'))).toBe(true);
    // An inspector reads but does not write.
    const inspector = await staff('inspector', '320826');
    expect((await inspector.get(`/api/equipment-hazards/${id}`)).statusCode).toBe(200);
    expect((await inspector.post('/api/equipment-hazards', hazardBody(mine.id))).statusCode).toBe(403);
  });

  it('record accidents and read the rate per county', async () => {
    const unit = await makeUnit(env, { regionCode: '320830' });
    const officer = await staff('county_officer', '320830');
    const a = await officer.post('/api/equipment-accidents', { equipmentId: unit.id, occurredOn: addDays(today, -30), description: '起重机吊物坠落', casualties: 2 });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ userUscc: unit.userUscc, regionCode: '320830', casualties: 2 });
    expect((await officer.get(`/api/equipment-accidents/${a.json().id}`)).statusCode).toBe(200);
    expect((await (await staff('county_officer', '320812')).get(`/api/equipment-accidents/${a.json().id}`)).statusCode).toBe(404);
    // The tier took the accident in the same transaction.
    const tier = (await officer.get(`/api/equipment-users/${unit.userUscc}/tier`)).json();
    expect(tier.reasons.find((r: { factor: string }) => r.factor === 'accidents').points).toBe(14);
    const byCounty = await officer.get('/api/equipment-stats/self-correction/by-county');
    expect(byCounty.statusCode).toBe(200);
    expect(byCounty.json().items.every((r: { regionCode: string }) => r.regionCode === '320830')).toBe(true);
  });
});
