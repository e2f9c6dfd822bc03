import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeProducers } from '../testing.js';
import { objectionDue } from './window.js';

/*
 * Sampling over HTTP: the draw and its reveal, data scope (county, institution accounts), the
 * sampling task (two samplers, to-dos), the 抽样单 (files first, samplers only), the result
 * (the institution's own, report first, conclusion consistent), the notice (.docx), the receipt
 * and the enterprise's view.
 */

const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;
const PASSWORD = 'Sampling-Test-2026!';
let seq = 0;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')]);
const PDF = Buffer.from('%PDF-1.4\n% test report\n');

function form(kind: string, name: string, content: Buffer) {
  const boundary = `----s5${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, sampleId: string, kind: string, name: string, content: Buffer) => {
  const { payload, headers } = form(kind, name, content);
  return c.post(`/api/spotcheck/samples/${sampleId}/files`, payload, headers);
};

async function staff(roles: string[], regionCode = '320800') {
  const user = await env.makeUser({ roles, regionCode });
  return { user, client: await env.login(user.username) };
}
async function institutionAccount(name: string) {
  const org = await env.services.jurisdiction.createOrg(env.ctx, { name, type: 'institution', regionCode: '320800' });
  const inst = await makeInstitution(env, { orgId: org.id, name });
  const user = await env.makeUser({ roles: ['institution'], orgId: org.id });
  return { inst, client: await env.login(user.username) };
}
async function accountOf(uscc: string): Promise<Client> {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.sampling.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

const goodRecord = () => ({
  sampledOn: todayInChina(),
  place: '涟水县某超市',
  batchNo: '20261101',
  productionDate: addDays(todayInChina(), -30),
  specification: '500g',
  quantitySampled: 4,
  baseCount: 200,
  pricePaid: 39.8,
  sealNumbers: ['FT-0001', 'FT-0002'],
  enterpriseSigner: '王店长',
});

describe('sampling over HTTP', () => {
  let city: Client;
  let county: Client;
  let otherCounty: Client;
  let samplerA: { user: { id: string }; client: Client };
  let samplerB: { user: { id: string }; client: Client };
  let own: { inst: { id: string }; client: Client };
  let stranger: { inst: { id: string }; client: Client };
  let product: Awaited<ReturnType<typeof makeProduct>>;
  let producers: Awaited<ReturnType<typeof makeProducers>>;
  let lotId: string;
  let sampleId: string;

  beforeAll(async () => {
    city = (await staff(['city_officer'])).client;
    county = (await staff(['county_officer'], '320826')).client;
    otherCounty = (await staff(['county_officer'], '320830')).client;
    samplerA = await staff(['inspector'], '320826');
    samplerB = await staff(['inspector'], '320826');
    own = await institutionAccount(`抽样测试检验所${Date.now()}`);
    stranger = await institutionAccount(`另一检验所${Date.now()}`);
    product = await makeProduct(env, {
      testItems: [
        { name: '标识', requirement: 'GB 5296.1', method: '目测' },
        { name: '甲醛含量', requirement: '≤75 mg/kg', method: 'GB/T 2912.1', critical: true },
      ],
    });
    producers = await makeProducers(env, product.id, 2, '320826');
    const plan = await makePlan(env);
    lotId = (await makeLot(env, { productId: product.id, planId: plan.id, status: 'assigned', institutionId: own.inst.id, batches: 1 })).id;
  });

  it('the draw: city only; commit, staff view, reveal into a sample', async () => {
    expect((await county.post(`/api/spotcheck/lots/${lotId}/draws`)).json().error.code).toBe('NOT_CITY');
    const committed = await city.post(`/api/spotcheck/lots/${lotId}/draws`);
    expect(committed.statusCode, committed.body).toBe(201);
    const { drawId } = committed.json();
    expect((await city.post(`/api/spotcheck/lots/${lotId}/draws`)).json().error.code).toBe('DRAW_PENDING');
    const view = await county.get(`/api/spotcheck/draws/${drawId}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ purpose: 'sampling', lotId, status: 'committed' });
    expect((await own.client.get(`/api/spotcheck/draws/${drawId}`)).statusCode).toBe(403);
    const revealed = await city.post(`/api/spotcheck/draws/${drawId}/reveal`, { witnessInput: '见证人：赵六' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().samples).toHaveLength(1);
    sampleId = revealed.json().samples[0].id;
    expect((await env.app.inject({ method: 'GET', url: `/api/public/spotcheck-draws/${drawId}` })).json()).toMatchObject({ status: 'revealed' });
  });

  it('scope: the county sees its samples, another county 404, institution accounts only their lots’ samples', async () => {
    const list = await county.get(`/api/spotcheck/samples?lotId=${lotId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: sampleId, status: 'drawn', institutionId: own.inst.id, productCode: product.code }] });
    expect((await otherCounty.get(`/api/spotcheck/samples?lotId=${lotId}`)).json().total).toBe(0);
    expect((await otherCounty.get(`/api/spotcheck/samples/${sampleId}`)).statusCode).toBe(404);
    expect((await otherCounty.post(`/api/spotcheck/samples/${sampleId}/assign`, { samplerIds: [samplerA.user.id, samplerB.user.id] })).statusCode).toBe(404);
    expect((await own.client.get(`/api/spotcheck/samples?lotId=${lotId}`)).json().total).toBe(1);
    expect((await own.client.get(`/api/spotcheck/samples/${sampleId}`)).statusCode).toBe(200);
    expect((await stranger.client.get(`/api/spotcheck/samples?lotId=${lotId}`)).json().total).toBe(0);
    expect((await stranger.client.get(`/api/spotcheck/samples/${sampleId}`)).statusCode).toBe(404);
  });

  it('the task names at least two samplers holding spotcheck.sample whose region covers the enterprise; each gets a to-do', async () => {
    const assign = (body: unknown, c = county) => c.post(`/api/spotcheck/samples/${sampleId}/assign`, body);
    expect((await assign({ samplerIds: [samplerA.user.id] })).statusCode).toBe(400);
    expect((await assign({ samplerIds: [samplerA.user.id, samplerA.user.id] })).json().error.message).toContain('不得少于 2 人');
    const far = await staff(['inspector'], '320830');
    expect((await assign({ samplerIds: [samplerA.user.id, far.user.id] })).json().error).toMatchObject({ code: 'VALIDATION', details: { userId: far.user.id } });
    const head = await staff(['section_head']);
    expect((await assign({ samplerIds: [samplerA.user.id, head.user.id] })).json().error.message).toContain('没有抽样权限');
    expect((await assign({ samplerIds: [samplerA.user.id, samplerB.user.id], dueOn: addDays(todayInChina(), 365) })).json().error.details.field).toBe('dueOn');
    const current = (await county.get(`/api/spotcheck/samples/${sampleId}`)).json().version as number;
    const stale = await county.post(`/api/spotcheck/samples/${sampleId}/assign`, { samplerIds: [samplerA.user.id, samplerB.user.id] }, { 'if-match': `"${current + 1}"` });
    expect(stale.statusCode, stale.body).toBe(412);
    const ok = await county.post(`/api/spotcheck/samples/${sampleId}/assign`, { samplerIds: [samplerA.user.id, samplerB.user.id], dueOn: addDays(todayInChina(), 20) }, { 'if-match': `"${current}"` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'assigned', samplerIds: [samplerA.user.id, samplerB.user.id], dueOn: addDays(todayInChina(), 20) });
    expect(ok.headers.etag).toBe(`"${ok.json().version}"`);
    for (const s of [samplerA, samplerB]) {
      const todos = (await s.client.get('/api/todos?pageSize=100')).json().items as { kind: string; subjectId: string }[];
      expect(todos.filter((t) => t.kind === 'spotcheck.sampling' && t.subjectId === sampleId)).toHaveLength(1);
    }
    const mine = await samplerA.client.get('/api/spotcheck/samples?mine=true');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(sampleId);
    expect((await county.get('/api/spotcheck/samples?mine=true')).json().total).toBe(0);
  });

  it('the 抽样单: samplers only (403 NOT_SAMPLER), 409 FILES_MISSING until a photo and two signatures, validated fields', async () => {
    const put = (c: Client, body: unknown) => c.put(`/api/spotcheck/samples/${sampleId}/record`, body);
    expect((await put(county, goodRecord())).json().error.code).toBe('NOT_SAMPLER');
    expect((await put(samplerA.client, goodRecord())).json().error).toMatchObject({ code: 'FILES_MISSING', details: { photos: 0, signatures: 0 } });

    expect((await upload(samplerA.client, sampleId, 'photo', 'scene.pdf', PDF)).json().error.code).toBe('ATTACHMENT_TYPE');
    expect((await upload(samplerA.client, sampleId, 'report', 'r.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(otherCounty, sampleId, 'photo', 'scene.png', PNG)).statusCode).toBe(404);
    const photo = await upload(samplerA.client, sampleId, 'photo', '现场.png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await upload(samplerA.client, sampleId, 'signature', 'sampler.png', PNG)).statusCode).toBe(201);
    expect((await put(samplerA.client, goodRecord())).json().error).toMatchObject({ code: 'FILES_MISSING', details: { photos: 1, signatures: 1 } });
    expect((await upload(samplerB.client, sampleId, 'signature', 'enterprise.png', PNG)).statusCode).toBe(201);

    for (const [patch, field] of [
      [{ quantitySampled: 0 }, 'quantitySampled'],
      [{ pricePaid: -1 }, 'pricePaid'],
      [{ sampledOn: addDays(todayInChina(), 1) }, 'sampledOn'],
      [{ sampledOn: addDays(todayInChina(), -3) }, 'sampledOn'],
      [{ productionDate: addDays(todayInChina(), 1) }, 'productionDate'],
      [{ sealNumbers: [] }, 'sealNumbers'],
      [{ sealNumbers: Array.from({ length: 21 }, (_, i) => `F${i}`) }, 'sealNumbers'],
      [{ sealNumbers: ['F1', 'F1'] }, 'sealNumbers'],
      [{ quantitySampled: 300 }, 'quantitySampled'],
    ] as const) {
      const res = await put(samplerA.client, { ...goodRecord(), ...patch });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
    }
    const before = (await county.get(`/api/spotcheck/samples/${sampleId}`)).json();
    expect(before.status).toBe('assigned');
    expect((await put(samplerA.client, goodRecord())).statusCode).toBe(200);
    const done = (await county.get(`/api/spotcheck/samples/${sampleId}`)).json();
    expect(done).toMatchObject({ status: 'sampled', record: { batchNo: '20261101', sealNumbers: ['FT-0001', 'FT-0002'] }, samplingPlan: { sampleSize: 4, unit: '件', source: 'rule' } });
    expect(done.files).toHaveLength(3);
    const todos = (await samplerB.client.get('/api/todos?pageSize=100')).json().items as { kind: string; subjectId: string }[];
    expect(todos.filter((t) => t.kind === 'spotcheck.sampling' && t.subjectId === sampleId)).toHaveLength(0);

    // Downloads are scope-checked and carry the SHA-256.
    const fileId = done.files[0].id;
    const dl = await samplerB.client.get(`/api/spotcheck/samples/${sampleId}/files/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['x-content-sha256']).toBe(done.files[0].sha256);
    expect((await otherCounty.get(`/api/spotcheck/samples/${sampleId}/files/${fileId}`)).statusCode).toBe(404);
  });

  it('results: the sample’s institution only, the report first, every item, a consistent conclusion', async () => {
    const items = (pass1: boolean, pass2: boolean) => [
      { item: '标识', requirement: 'GB 5296.1', measured: '符合', pass: pass1 },
      { item: '甲醛含量', requirement: '≤75 mg/kg', measured: pass2 ? '20 mg/kg' : '120 mg/kg', pass: pass2 },
    ];
    const body = (over: object = {}) => ({ items: items(true, false), conclusion: 'fail', reportNo: 'BG2026-001', reportedOn: todayInChina(), ...over });
    const post = (c: Client, b: unknown) => c.post(`/api/spotcheck/samples/${sampleId}/result`, b);
    expect((await post(stranger.client, body())).statusCode).toBe(404);
    expect((await post(county, body())).statusCode).toBe(403);
    expect((await post(own.client, body())).json().error.code).toBe('REPORT_MISSING');
    expect((await upload(stranger.client, sampleId, 'report', 'r.pdf', PDF)).statusCode).toBe(404);
    expect((await upload(own.client, sampleId, 'report', '检验报告.pdf', PDF)).statusCode).toBe(201);
    expect((await post(own.client, body({ conclusion: 'pass' }))).json().error.code).toBe('CONCLUSION_MISMATCH');
    expect((await post(own.client, body({ items: items(true, true), conclusion: 'fail' }))).json().error.code).toBe('CONCLUSION_MISMATCH');
    expect((await post(own.client, body({ items: [...items(true, false), { item: '色牢度', requirement: '', measured: '4', pass: true }] }))).json().error.code).toBe('UNKNOWN_ITEM');
    expect((await post(own.client, body({ items: items(true, false).slice(0, 1), conclusion: 'pass' }))).json().error.code).toBe('ITEMS_MISSING');
    const ok = await post(own.client, body());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'reported', conclusion: 'fail', finalConclusion: null, reportNo: 'BG2026-001' });
    expect((await post(own.client, body())).json().error.code).toBe('INVALID_STATUS');
  });

  it('the notice is numbered and renders; the enterprise sees it, acknowledges receipt, and the window starts', async () => {
    const enterpriseId = (await county.get(`/api/spotcheck/samples/${sampleId}`)).json().enterpriseId as string;
    const enterprise = producers.find((p) => p.id === enterpriseId)!;
    const ent = await accountOf(enterprise.uscc);
    const otherEnt = await accountOf(producers.find((p) => p.id !== enterprise.id)!.uscc);
    expect((await ent.get('/api/my/spotchecks')).json().total).toBe(0); // not yet notified
    expect((await ent.get(`/api/my/spotchecks/${sampleId}`)).statusCode).toBe(404);

    expect((await otherCounty.post(`/api/spotcheck/samples/${sampleId}/notify`)).statusCode).toBe(404);
    const notified = await county.post(`/api/spotcheck/samples/${sampleId}/notify`);
    expect(notified.statusCode, notified.body).toBe(200);
    const s = notified.json();
    expect(s.noticeNo).toMatch(new RegExp(`^.+抽检通〔${todayInChina().slice(0, 4)}〕\\d+号$`));
    expect(s.notifiedOn).toBe(todayInChina());
    expect((await county.post(`/api/spotcheck/samples/${sampleId}/notify`)).json().error.code).toBe('ALREADY_NOTIFIED');

    const doc = await county.get(`/api/spotcheck/samples/${sampleId}/notice`);
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(s.sampleNo);
    expect(text).toContain(s.noticeNo);
    expect(text).toContain('甲醛含量（A类）');
    expect(text).toContain('15 日内');
    expect(text).not.toContain('本局地址');
    // Where the enterprise sends its objection: the issuing city bureau's address and phone, once its org record has them.
    const root = (await env.services.jurisdiction.rootOrg())!;
    await env.services.jurisdiction.updateOrg(env.ctx, root.id, { address: '淮安市示范大道 100 号', phone: '0517-83600000' });
    const withContact = await (await JSZip.loadAsync((await county.get(`/api/spotcheck/samples/${sampleId}/notice`)).rawPayload)).file('word/document.xml')!.async('string');
    expect(withContact.replace(/<[^>]+>/g, '')).toContain('本局地址：淮安市示范大道 100 号；联系电话：0517-83600000。');
    await env.services.jurisdiction.updateOrg(env.ctx, root.id, { address: null, phone: null });
    expect((await otherCounty.get(`/api/spotcheck/samples/${sampleId}/notice`)).statusCode).toBe(404);

    const mine = await ent.get('/api/my/spotchecks');
    expect(mine.json()).toMatchObject({ total: 1, items: [{ id: sampleId, noticeNo: s.noticeNo, conclusion: 'fail' }] });
    expect((await otherEnt.get(`/api/my/spotchecks/${sampleId}`)).statusCode).toBe(404);
    expect((await otherEnt.post(`/api/my/spotchecks/${sampleId}/receipt`)).statusCode).toBe(404);
    expect((await ent.get('/api/spotcheck/samples')).statusCode).toBe(403);
    const myDoc = await ent.get(`/api/my/spotchecks/${sampleId}/notice`);
    expect(myDoc.statusCode).toBe(200);

    const received = await ent.post(`/api/my/spotchecks/${sampleId}/receipt`);
    expect(received.statusCode, received.body).toBe(200);
    const due = await objectionDue(env.services.calendar, todayInChina(), env.config.spotcheckRules.objectionDays);
    expect(received.json()).toMatchObject({ receivedOn: todayInChina(), objectionDueOn: due.date, objectionDueCertain: due.certain, objectionOpen: true });
    expect((await county.post(`/api/spotcheck/samples/${sampleId}/receipt`, { receivedOn: todayInChina() })).json().error.code).toBe('RECEIPT_RECORDED');
    expect((await county.get(`/api/spotcheck/samples/${sampleId}`)).json()).toMatchObject({ objectionDueOn: due.date, status: 'reported' });
  });

  it('staff record a receipt from a return receipt (not before the notice, not in the future)', async () => {
    // A second lot through to the notice, quickly, at the service level.
    const plan = await makePlan(env);
    const extra = await makeProducers(env, product.id, 1, '320826');
    const lot = await makeLot(env, { productId: product.id, planId: plan.id, status: 'assigned', institutionId: own.inst.id, batches: 1 });
    const c = await city.post(`/api/spotcheck/lots/${lot.id}/draws`);
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().excluded.map((e: { uscc: string }) => e.uscc)).not.toContain(extra[0]!.uscc);
    const id = (await city.post(`/api/spotcheck/draws/${c.json().drawId}/reveal`, {})).json().samples[0].id as string;
    expect((await county.post(`/api/spotcheck/samples/${id}/receipt`, { receivedOn: todayInChina() })).json().error.code).toBe('NOT_NOTIFIED');
  });
});
