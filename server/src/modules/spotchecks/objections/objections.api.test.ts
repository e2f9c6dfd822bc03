import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { institutionWithAccount, notifiedSample, retestReportOnFile } from './testing-objections.js';

/**
 * Issue 19 over the API: an objection entered from a letter and one filed by the enterprise's own
 * account, the decision and the retest with ETag/If-Match (another institution's account 404, the
 * first institution's 403), the follow-up's order (.docx), and the referral to a case through the
 * cases module (lead source `spot_check`): the case opens on the sample and the follow-up shows it.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;
const today = todayInChina();
const NEW_PASSWORD = 'Qiye#Zhanghao2026';

const staff = async (role: string, regionCode: string) => {
  const user = await env.makeUser({ roles: [role], regionCode });
  return { user, client: await env.login(user.username) };
};
let serial = 0;

/** A signed-in account of the enterprise, made as officers make them. */
async function enterpriseAccount(officer: Client, uscc: string) {
  const made = await officer.post('/api/enterprise-accounts', { uscc, username: `obj.${Date.now()}.${serial++}`, displayName: '王经理' });
  expect(made.statusCode, made.body).toBe(201);
  const { user, initialPassword } = made.json();
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, NEW_PASSWORD);
}

describe('objections over the API', () => {
  it('an enterprise objects to its own notified sample; staff get 403 on its route; another enterprise’s sample 404', async () => {
    const officer = await staff('county_officer', '320826');
    const s = await notifiedSample(env);
    const other = await notifiedSample(env);
    const account = await enterpriseAccount(officer.client, s.enterprise.uscc);
    expect((await account.post(`/api/my/spotchecks/${other.sample.id}/objection`, { reason: '异议' })).statusCode).toBe(404);
    expect((await account.post(`/api/my/spotchecks/${s.sample.id}/objection`, { reason: '异议', extra: 1 })).statusCode).toBe(400);
    const filed = await account.post(`/api/my/spotchecks/${s.sample.id}/objection`, { reason: '甲醛含量检测有误', items: ['甲醛含量'] });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ filedBy: 'enterprise', filedOn: today, status: 'filed', items: ['甲醛含量'] });
    expect(filed.headers.etag).toBe('"1"');
    expect((await officer.client.post(`/api/my/spotchecks/${s.sample.id}/objection`, { reason: 'x' })).statusCode).toBe(403);
    expect((await account.get('/api/spotcheck/objections')).statusCode).toBe(403);
  });

  it('from a letter to a retest: decide and retest with If-Match; the retest by another institution 404, by the first 403; the final conclusion replaced', async () => {
    const officer = await staff('county_officer', '320826');
    const head = await staff('section_head', '320800');
    const s = await notifiedSample(env);
    const filed = await officer.client.post(`/api/spotcheck/samples/${s.sample.id}/objection`, { filedOn: today, reason: '书面异议', items: [] });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    expect((await officer.client.post(`/api/spotcheck/samples/${s.sample.id}/objection`, { filedOn: today, reason: '再次' })).json().error.code).toBe('OBJECTION_EXISTS');
    expect((await officer.client.post(`/api/spotcheck/objections/${id}/decide`, { accept: false, reason: 'x' })).statusCode).toBe(403);

    const retester = await institutionWithAccount(env, s.product.code);
    expect((await head.client.post(`/api/spotcheck/objections/${id}/decide`, { accept: true, reason: '受理', retestInstitutionId: s.institution.id })).json().error.code).toBe('SAME_INSTITUTION');
    expect((await head.client.post(`/api/spotcheck/objections/${id}/decide`, { accept: true, reason: '受理', retestInstitutionId: retester.institution.id }, { 'if-match': '"5"' })).statusCode).toBe(412);
    const decided = await head.client.post(`/api/spotcheck/objections/${id}/decide`, { accept: true, reason: '受理', retestInstitutionId: retester.institution.id }, { 'if-match': '"1"' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.headers.etag).toBe('"2"');

    const body = { items: [{ item: '甲醛含量', requirement: '≤75 mg/kg', measured: '50 mg/kg', pass: true }], conclusion: 'pass', reportNo: 'FJ-API-1', retestedOn: today };
    const first = await institutionWithAccount(env, s.product.code);
    await env.db.execute(`update spotcheck_samples set institution_id = '${first.institution.id}' where id = '${s.sample.id}'`);
    const stranger = await institutionWithAccount(env, s.product.code);
    expect((await (await env.login(stranger.user.username)).post(`/api/spotcheck/objections/${id}/retest`, body)).statusCode).toBe(404);
    expect((await (await env.login(stranger.user.username)).get(`/api/spotcheck/objections/${id}`)).statusCode).toBe(404);
    expect((await (await env.login(first.user.username)).post(`/api/spotcheck/objections/${id}/retest`, body)).statusCode).toBe(403);
    const retestClient = await env.login(retester.user.username);
    expect((await retestClient.get(`/api/spotcheck/objections/${id}`)).json()).toMatchObject({ status: 'accepted', version: 2 });
    expect((await retestClient.post(`/api/spotcheck/objections/${id}/retest`, body)).json().error.code).toBe('REPORT_MISSING');
    await retestReportOnFile(env, s.sample.id);
    expect((await retestClient.post(`/api/spotcheck/objections/${id}/retest`, { ...body, conclusion: 'maybe' })).statusCode).toBe(400);
    const retested = await retestClient.post(`/api/spotcheck/objections/${id}/retest`, body, { 'if-match': '"2"' });
    expect(retested.statusCode, retested.body).toBe(200);
    expect(retested.json()).toMatchObject({ status: 'retested', upheld: true, finalConclusion: 'pass', version: 3 });
    const list = await head.client.get('/api/spotcheck/objections?status=retested&pageSize=100');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
  });
});

describe('the follow-up and its referral to a case', () => {
  it('order (.docx) → recheck failed → notice; then 立案 on the sample through the cases module marks it referred; another county’s user LEAD_NOT_FOUND', async () => {
    const a = await staff('county_officer', '320826');
    const b = await staff('county_officer', '320826');
    const xuyi = await staff('county_officer', '320830');
    const head = await staff('section_head', '320800');
    const s = await notifiedSample(env, { receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    const url = `/api/spotcheck/samples/${s.sample.id}/followup`;
    const lead = { leadSource: 'spot_check', leadId: s.sample.id, summary: '抽查不合格，经公告仍未改正' };

    // Before the notice the sample is no lead yet; the case list is untouched.
    const early = await a.client.post('/api/cases', lead);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { stage: null, action: 'refer' } });

    const ordered = await a.client.post(url, { action: 'order', note: '限期整改' });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.headers.etag).toBe('"1"');
    const doc = await a.client.get(`${url}/order`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await xuyi.client.get(`${url}/order`)).statusCode).toBe(404);
    // The enterprise's account sees the order and its deadline, and downloads it; not another enterprise's.
    const account = await enterpriseAccount(a.client, s.enterprise.uscc);
    expect((await account.get(`/api/my/spotchecks/${s.sample.id}`)).json().followup).toMatchObject({ stage: 'ordered', orderNo: ordered.json().orderNo, dueOn: ordered.json().dueOn });
    const own = await account.get(`/api/my/spotchecks/${s.sample.id}/followup/order`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await notifiedSample(env, { receivedOn: addDays(today, -30), objectionDueOn: addDays(today, -15) });
    expect((await account.get(`/api/my/spotchecks/${other.sample.id}/followup/order`)).statusCode).toBe(404);
    expect((await a.client.get(`/api/my/spotchecks/${s.sample.id}/followup/order`)).statusCode).toBe(403);
    expect((await a.client.post(url, { action: 'recheck', passed: false }, { 'if-match': '"7"' })).statusCode).toBe(412);
    expect((await a.client.post(url, { action: 'recheck', passed: false }, { 'if-match': '"1"' })).statusCode).toBe(200);
    expect((await a.client.post(url, { action: 'bogus' })).statusCode).toBe(400);
    expect((await a.client.post(url, { action: 'notice', note: '逾期未改正，予以公告' })).json()).toMatchObject({ stage: 'noticed', allowedActions: ['suspend', 'refer'] });

    const elsewhere = await xuyi.client.post('/api/cases', lead);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.code).toBe('LEAD_NOT_FOUND');

    const created = await a.client.post('/api/cases', lead);
    expect(created.statusCode, created.body).toBe(201);
    const kase = created.json();
    expect(kase).toMatchObject({ stage: 'lead', leadSource: 'spot_check', leadId: s.sample.id, leadRef: s.sample.sampleNo, partyName: s.enterprise.name, uscc: s.enterprise.uscc, regionCode: '320826', foundOn: addDays(today, -14) });
    const opened = await head.client.post(`/api/cases/${kase.id}/actions`, { action: 'open', investigatorIds: [a.user.id, b.user.id] });
    expect(opened.statusCode, opened.body).toBe(200);

    const followup = (await a.client.get(url)).json();
    expect(followup).toMatchObject({ stage: 'referred', caseId: kase.id, caseNo: kase.caseNo, allowedActions: ['close'] });
    expect(followup.steps.at(-1)).toMatchObject({ action: 'refer', caseId: kase.id, documentNo: kase.caseNo, byName: expect.any(String) });
    const listed = (await a.client.get('/api/spotcheck/followups?stage=referred&pageSize=100')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(followup.id);
    expect((await a.client.post(url, { action: 'close', note: '已移送立案查处' })).json()).toMatchObject({ stage: 'closed' });
  });
});
