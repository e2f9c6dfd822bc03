import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { ADMIN_PASSWORD, useTestEnv } from '../../../test/app.js';
import { multipart } from '../../../test/multipart.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { certificateNo, makeIdNumber, makeOperator, makeOperatorCategory, makeUnit } from '../testing.js';
import { MASKED_ID_RE, maskIdNumber } from '../../../platform/validation/id-number.js';

/**
 * Issue 16, operators: ID numbers masked everywhere (list, detail, export, audit rows, logs, the
 * enterprise's view) but for the audited reveal with equipment.operator_pii; data scope; the
 * enterprise account's own operators and emergency records; exams through the API.
 */
const env = useTestEnv();
const PASSWORD = 'Qiye#Zhanghao2026';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
let seq = 0;

async function accountOf(uscc: string) {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.operators.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

const staff = async (role: string, regionCode: string) => env.login((await env.makeUser({ roles: [role], regionCode })).username);

/** Every audit row's text (the whole trail, so that no event anywhere holds the number). */
const auditText = async () => JSON.stringify(await env.db.select().from(auditEvents));

describe('operators over the API', () => {
  it('registers (201, masked), lists and shows masked, refuses a bad ID number (400 naming the field) and the same person (409)', async () => {
    const admin = await env.loginAdmin();
    const employer = await makeEnterprise(env, { regionCode: '320826' });
    const idNumber = makeIdNumber();
    const no = certificateNo();
    const created = await admin.post('/api/equipment-operators', { name: '李师傅', idNumber, employerUscc: employer.uscc, certificates: [{ workItem: 'Q2', certificateNo: no, issuedOn: '2024-06-01' }] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '李师傅', idNumber: maskIdNumber(idNumber), idNumberRevealed: false, employerUscc: employer.uscc, certificates: [{ workItem: 'Q2', workItemName: '起重机司机', certificateNo: no, expiresOn: '2028-06-01' }] });
    expect(created.body).not.toContain(idNumber);
    const id = created.json().id as string;

    const list = await admin.get(`/api/equipment-operators?employerUscc=${employer.uscc}`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, idNumber: expect.stringMatching(MASKED_ID_RE) }] });
    expect((await admin.get(`/api/equipment-operators?q=${encodeURIComponent(no)}`)).json().items.map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await admin.get(`/api/equipment-operators?workItem=N1&employerUscc=${employer.uscc}`)).json().total).toBe(0);
    const detail = await admin.get(`/api/equipment-operators/${id}`);
    expect(detail.json().idNumber).toMatch(MASKED_ID_RE);
    expect(detail.headers.etag).toBe('"1"');

    const bad = await admin.post('/api/equipment-operators', { name: '错号', idNumber: idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'), employerUscc: employer.uscc, certificates: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'ID_NUMBER_CHECK_DIGIT', details: { field: 'idNumber' } });
    const short = await admin.post('/api/equipment-operators', { name: '短号', idNumber: '32080219900101', employerUscc: employer.uscc, certificates: [] });
    expect(short.json().error).toMatchObject({ code: 'ID_NUMBER_FORMAT', details: { field: 'idNumber' } });
    const twice = await admin.post('/api/equipment-operators', { name: '同一人', idNumber, employerUscc: employer.uscc, certificates: [] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'idNumber' } });

    // PATCH with If-Match: a stale tag 412, the current one applies.
    expect((await admin.patch(`/api/equipment-operators/${id}`, { name: '李大师傅' }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const renamed = await admin.patch(`/api/equipment-operators/${id}`, { name: '李大师傅' }, { 'if-match': '"1"' });
    expect(renamed.json()).toMatchObject({ name: '李大师傅', version: 2, idNumber: maskIdNumber(idNumber) });
    expect(await auditText()).not.toContain(idNumber);
  });

  it('reveals the number only with equipment.operator_pii, auditing each reveal; 403 without it', async () => {
    const { operator, idNumber } = await makeOperator(env, { regionCode: '320826' });
    const county = await staff('county_officer', '320826');
    const denied = await county.get(`/api/equipment-operators/${operator.id}?reveal=true`);
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain(idNumber);
    const head = await staff('section_head', '320800');
    const revealed = await head.get(`/api/equipment-operators/${operator.id}?reveal=true`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toMatchObject({ idNumber, idNumberRevealed: true });
    const events = await env.db.select().from(auditEvents).where(eq(auditEvents.targetId, operator.id));
    const viewed = events.filter((e) => e.action === 'equipment_operator.pii_viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]!.after).toEqual({ name: operator.name, idNumber: maskIdNumber(idNumber) });
    expect(await auditText()).not.toContain(idNumber);
  });

  it('exports masked ID numbers (csv, xlsx) with neutralised cells', async () => {
    const employer = await makeEnterprise(env, { regionCode: '320826' });
    const { idNumber } = await makeOperator(env, { employerUscc: employer.uscc, name: '=HYPERLINK("x")', certificates: [{ workItem: 'N1', certificateNo: certificateNo(), issuedOn: '2024-01-01' }] });
    const admin = await env.loginAdmin();
    const csv = await admin.get(`/api/equipment-operators/export?format=csv&employerUscc=${employer.uscc}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(maskIdNumber(idNumber));
    expect(csv.body).not.toContain(idNumber);
    expect(csv.body).toContain(`'=HYPERLINK`);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    const xlsx = await admin.get(`/api/equipment-operators/export?format=xlsx&employerUscc=${employer.uscc}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps a county officer to operators of employers in the county (another county’s 404, not listed)', async () => {
    const { operator: mine } = await makeOperator(env, { regionCode: '320826' });
    const { operator: theirs } = await makeOperator(env, { regionCode: '320830' });
    const county = await staff('county_officer', '320826');
    expect((await county.get(`/api/equipment-operators/${mine.id}`)).statusCode).toBe(200);
    expect((await county.get(`/api/equipment-operators/${theirs.id}`)).statusCode).toBe(404);
    expect((await county.patch(`/api/equipment-operators/${theirs.id}`, { name: '越权' })).statusCode).toBe(404);
    expect((await county.post(`/api/equipment-operators/${theirs.id}/certificates`, { workItem: 'N1', certificateNo: certificateNo(), issuedOn: '2024-01-01' })).statusCode).toBe(404);
    const ids = (await county.get('/api/equipment-operators?pageSize=500')).json().items.map((o: { id: string; regionCode: string }) => o.regionCode);
    expect(ids.every((r: string) => r.startsWith('320826'))).toBe(true);
    // Registering for an employer of another county: 400 (not in its register).
    const other = await makeEnterprise(env, { regionCode: '320830' });
    const refused = await county.post('/api/equipment-operators', { name: '外县', idNumber: makeIdNumber(), employerUscc: other.uscc, certificates: [] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toMatchObject({ field: 'employerUscc' });
  });

  it('shows an enterprise account its own operators masked (another’s 404), its coverage and expiring certificates; no reveal', async () => {
    const employer = await makeEnterprise(env, { regionCode: '320826' });
    const cat = await makeOperatorCategory(env, 'Z610', ['N1']);
    await makeUnit(env, { userUscc: employer.uscc, category: cat });
    await makeUnit(env, { userUscc: employer.uscc, category: cat });
    const { operator, idNumber } = await makeOperator(env, { employerUscc: employer.uscc, certificates: [{ workItem: 'N1', certificateNo: certificateNo(), issuedOn: '2022-01-10', expiresOn: todayInChina() }] });
    const { operator: other } = await makeOperator(env, { regionCode: '320826' });
    const account = await accountOf(employer.uscc);
    const list = await account.get('/api/equipment-operators');
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: operator.id, idNumber: maskIdNumber(idNumber) }] });
    expect((await account.get(`/api/equipment-operators/${operator.id}`)).json().idNumber).toMatch(MASKED_ID_RE);
    expect((await account.get(`/api/equipment-operators/${other.id}`)).statusCode).toBe(404);
    expect((await account.get(`/api/equipment-operators/${operator.id}?reveal=true`)).statusCode).toBe(403);
    const coverage = await account.get(`/api/equipment-users/${employer.uscc}/operators`);
    expect(coverage.json()).toMatchObject({ needing: 2, covered: 2, rate: 1, expiring: [{ operatorId: operator.id, idNumber: maskIdNumber(idNumber), daysLeft: 0 }] });
    expect(coverage.body).not.toContain(idNumber);
    expect((await account.get(`/api/equipment-users/${other.employerUscc}/operators`)).statusCode).toBe(404);
    const expiring = await account.get('/api/equipment-operator-certificates/expiring');
    expect(expiring.json().items.map((c: { operatorId: string }) => c.operatorId)).toEqual([operator.id]);
    expect((await account.post('/api/equipment-operators', { name: '自报', idNumber: makeIdNumber(), employerUscc: employer.uscc, certificates: [] })).statusCode).toBe(403);
  });

  it('never writes the number to the request log', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const { app } = await buildApp({ config: env.config, database: env.database, services: env.services, logger: { level: 'trace', stream } });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      const cookie = login.cookies.find((c) => c.name === 'zj_session')!.value;
      const headers = { 'x-csrf-token': login.json().csrfToken as string };
      const employer = await makeEnterprise(env, { regionCode: '320826' });
      const idNumber = makeIdNumber();
      const created = await app.inject({ method: 'POST', url: '/api/equipment-operators', cookies: { zj_session: cookie }, headers, payload: { name: '日志', idNumber, employerUscc: employer.uscc, certificates: [] } });
      expect(created.statusCode).toBe(201);
      await app.inject({ method: 'POST', url: '/api/equipment-operators', cookies: { zj_session: cookie }, headers, payload: { name: '日志', idNumber, employerUscc: employer.uscc, certificates: [] } });
      await app.inject({ method: 'GET', url: `/api/equipment-operators/${created.json().id}?reveal=true`, cookies: { zj_session: cookie } });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(idNumber);
    } finally {
      await app.close();
    }
  });

  it('the raw database row holds no readable ID number', async () => {
    const admin = await env.loginAdmin();
    const employer = await makeEnterprise(env, { regionCode: '320826' });
    const idNumber = makeIdNumber();
    const id = (await admin.post('/api/equipment-operators', { name: '原始行', idNumber, employerUscc: employer.uscc, certificates: [] })).json().id as string;
    const result = (await env.db.execute(sql`select * from equipment_operators where id = ${id}`)) as unknown as { rows: Record<string, unknown>[] };
    const text = JSON.stringify(result.rows);
    expect(result.rows).toHaveLength(1);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(idNumber.slice(6, 14));
    expect(text).toContain(maskIdNumber(idNumber));
  });
});

describe('work items, exams and emergency records over the API', () => {
  it('lists the work items; only equipment.configure changes them (If-Match)', async () => {
    const admin = await env.loginAdmin();
    const items = (await admin.get('/api/operator-work-items')).json();
    expect(items.items.find((i: { code: string }) => i.code === 'G1')).toMatchObject({ name: '工业锅炉司炉', category: '1000', validityYears: 4, theoryPassMark: 60, practicalPassMark: 60 });
    const county = await staff('county_officer', '320826');
    expect((await county.patch('/api/operator-work-items/G1', { validityYears: 5 })).statusCode).toBe(403);
    expect((await admin.patch('/api/operator-work-items/G1', { validityYears: 5 }, { 'if-match': '"9"' })).statusCode).toBe(412);
    const changed = await admin.patch('/api/operator-work-items/G1', { validityYears: 5 }, { 'if-match': '"1"' });
    expect(changed.json()).toMatchObject({ code: 'G1', validityYears: 5, version: 2 });
    const { operator } = await makeOperator(env, { certificates: [{ workItem: 'G1', certificateNo: certificateNo(), issuedOn: '2024-03-01' }] });
    expect(operator.certificates[0]!.expiresOn).toBe('2029-03-01');
    expect((await admin.post('/api/operator-work-items', { code: 'G1', name: '重复' })).statusCode).toBe(409);
  });

  it('runs a session: candidates, results, a pass issues a certificate; pass rates', async () => {
    const admin = await env.loginAdmin();
    const institution = await makeEnterprise(env, { regionCode: '320826' });
    const today = todayInChina();
    const session = await admin.post('/api/operator-exam-sessions', { heldOn: today, place: '涟水县考点', institutionUscc: institution.uscc, workItems: ['N1'], trainingHours: 8 });
    expect(session.statusCode, session.body).toBe(201);
    const sid = session.json().id as string;
    const { operator, idNumber } = await makeOperator(env);
    const cand = await admin.post(`/api/operator-exam-sessions/${sid}/candidates`, { operatorId: operator.id, workItem: 'N1' });
    expect(cand.statusCode, cand.body).toBe(201);
    expect(cand.json().idNumber).toBe(maskIdNumber(idNumber));
    const no = certificateNo();
    const result = await admin.post(`/api/operator-exam-sessions/${sid}/candidates/${cand.json().id}/result`, { theoryScore: 88, practicalScore: 72.5, certificateNo: no });
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({ passed: true, certificateNo: no });
    expect((await admin.get(`/api/equipment-operators/${operator.id}`)).json().certificates).toEqual([expect.objectContaining({ certificateNo: no, examSessionId: sid, issuedOn: today })]);
    const candidates = await admin.get(`/api/operator-exam-sessions/${sid}/candidates?pageSize=7`);
    expect(candidates.json()).toMatchObject({ total: 1, items: [{ passed: true, theoryScore: 88, practicalScore: 72.5 }] });
    expect((await admin.get(`/api/operator-exam-sessions/${sid}`)).json()).toMatchObject({ candidates: 1, decided: 1, passed: 1, passRate: 1 });
    const stats = await admin.get(`/api/operator-exam-stats?year=${today.slice(0, 4)}`);
    expect(stats.json().institutions.find((i: { institutionUscc: string }) => i.institutionUscc === institution.uscc)).toMatchObject({ sessions: 1, passed: 1, passRate: 1 });
    // A session at an institution outside the register is refused.
    expect((await admin.post('/api/operator-exam-sessions', { heldOn: today, place: '考点', institutionUscc: '91320826MA00000000', workItems: ['N1'] })).statusCode).toBe(400);
    const county = await staff('county_officer', '320830');
    expect((await county.get(`/api/operator-exam-sessions/${sid}`)).statusCode).toBe(404);
  });

  it('lets an enterprise record and read its own emergency plans and drills with attachments; another’s 404; content checked by its bytes', async () => {
    const own = await makeEnterprise(env, { regionCode: '320826' });
    const another = await makeEnterprise(env, { regionCode: '320826' });
    const account = await accountOf(own.uscc);
    const created = await account.post('/api/equipment-emergency-records', { kind: 'drill', title: '电梯困人应急演练', on: todayInChina(), participants: 12 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ userUscc: own.uscc, kind: 'drill', files: 0, attachments: [] });
    const id = created.json().id as string;
    expect((await account.post('/api/equipment-emergency-records', { userUscc: another.uscc, kind: 'plan', title: '别人的预案', on: todayInChina() })).statusCode).toBe(400);

    const upload = async (client: typeof account, recordId: string, name: string, content: Buffer) => {
      const body = multipart({ file: { name, content } });
      return env.app.inject({ method: 'POST', url: `/api/equipment-emergency-records/${recordId}/files`, payload: body.payload, headers: { ...body.headers, 'x-csrf-token': client.csrfToken! }, cookies: { zj_session: client.cookie! } });
    };
    const file = await upload(account, id, '演练照片.png', PNG);
    expect(file.statusCode, file.body).toBe(201);
    const fake = await upload(account, id, '伪装.pdf', PNG);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('ATTACHMENT_CONTENT');
    const download = await account.get(`/api/equipment-emergency-records/${id}/files/${file.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);

    const admin = await env.loginAdmin();
    const theirs = (await admin.post('/api/equipment-emergency-records', { userUscc: another.uscc, kind: 'plan', title: '特种设备事故应急预案', on: '2025-03-01' })).json().id as string;
    expect((await account.get(`/api/equipment-emergency-records/${theirs}`)).statusCode).toBe(404);
    expect((await upload(account, theirs, 'x.png', PNG)).statusCode).toBe(404);
    expect((await account.get('/api/equipment-emergency-records')).json()).toMatchObject({ total: 1, items: [{ id, files: 1 }] });
    expect((await account.get(`/api/equipment-emergency-records/${id}`)).json().attachments).toEqual([expect.objectContaining({ fileName: '演练照片.png' })]);
    const county = await staff('county_officer', '320830');
    expect((await county.get(`/api/equipment-emergency-records/${id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/equipment-emergency-records?userUscc=${own.uscc}`)).json().total).toBe(1);
  });
});
