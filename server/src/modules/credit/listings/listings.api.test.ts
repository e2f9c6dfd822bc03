import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { addYears } from './period.js';
import { LEGAL_BASIS, REASON, listingAt, staffActor } from './testing-listings.js';

/**
 * Issue 20 over the API: the dishonest list's routes with access, scope, If-Match and error
 * shapes; the advance notice (.docx); the enterprise's own routes; the public list (the
 * contract's fields only, in period, search, paging order).
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
type Client = Awaited<ReturnType<typeof env.login>>;
const today = todayInChina();
const NEW_PASSWORD = 'Qiye#Zhanghao2026';
let serial = 0;

const staff = async (role: string, regionCode: string) => {
  const user = await env.makeUser({ roles: [role], regionCode });
  return { user, client: await env.login(user.username), actor: (await env.services.users.loadActor(user.id))! };
};

/** A signed-in account of the enterprise, made as officers make them. */
async function enterpriseAccount(officer: Client, uscc: string) {
  const made = await officer.post('/api/enterprise-accounts', { uscc, username: `sx.${Date.now()}.${serial++}`, displayName: '李经理' });
  expect(made.statusCode, made.body).toBe(201);
  const { user, initialPassword } = made.json();
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, NEW_PASSWORD);
}

describe('the listing workflow over the API', () => {
  it('propose, notice (If-Match), the notice .docx, the enterprise’s answer, the decision; access and scope', async () => {
    const officer = await staff('county_officer', '320826');
    const head = await staff('section_head', '320800');
    const inspector = await staff('inspector', '320826');
    const elsewhere = await staff('county_officer', '320830');
    const enterprise = await makeEnterprise(env);
    const body = { uscc: enterprise.uscc, source: 'manual', reason: REASON, legalBasis: LEGAL_BASIS };
    expect((await officer.client.post('/api/credit-listings', { ...body, extra: 1 })).statusCode).toBe(400);
    expect((await inspector.client.post('/api/credit-listings', body)).statusCode).toBe(403);
    expect((await elsewhere.client.post('/api/credit-listings', body)).json().error.code).toBe('NOT_FOUND');
    const proposed = await officer.client.post('/api/credit-listings', body);
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.headers.etag).toBe('"1"');
    const id = proposed.json().id as string;
    expect((await officer.client.post('/api/credit-listings', body)).json().error).toMatchObject({ code: 'LISTING_OPEN', details: { listingId: id } });
    expect((await elsewhere.client.get(`/api/credit-listings/${id}`)).statusCode).toBe(404);
    expect((await inspector.client.get(`/api/credit-listings/${id}`)).statusCode).toBe(200);
    expect((await officer.client.get(`/api/credit-listings/${id}/notice.docx`)).json().error.code).toBe('NOT_NOTICED');

    expect((await officer.client.post(`/api/credit-listings/${id}/notice`, undefined, { 'if-match': '"7"' })).statusCode).toBe(412);
    const noticed = await officer.client.post(`/api/credit-listings/${id}/notice`, undefined, { 'if-match': '"1"' });
    expect(noticed.statusCode, noticed.body).toBe(200);
    expect(noticed.json()).toMatchObject({ status: 'noticed', noticeSentOn: today, answerDue: addDays(today, 10) });
    const doc = await officer.client.get(`/api/credit-listings/${id}/notice.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(decodeURIComponent(String(doc.headers['content-disposition']))).toContain('列入严重违法失信名单告知书');

    expect((await head.client.post(`/api/credit-listings/${id}/decide`, { list: true, note: '列入' })).json().error.code).toBe('NOTICE_PERIOD_RUNNING');
    expect((await officer.client.post(`/api/credit-listings/${id}/decide`, { list: true, note: '列入' })).statusCode).toBe(403);

    const account = await enterpriseAccount(officer.client, enterprise.uscc);
    expect((await account.get('/api/credit-listings')).statusCode).toBe(403);
    expect((await officer.client.get('/api/my/credit')).statusCode).toBe(403);
    const mine = (await account.get('/api/my/credit')).json();
    expect(mine.listings).toHaveLength(1);
    expect(mine.listings[0]).toMatchObject({ id, status: 'noticed', answerDue: addDays(today, 10) });
    expect(mine.listings[0]).not.toHaveProperty('proposedByName');
    expect((await account.post(`/api/my/credit-listings/${id}/answer`, { statement: '申辩', extra: 1 })).statusCode).toBe(400);
    const answered = await account.post(`/api/my/credit-listings/${id}/answer`, { statement: '我公司已全部召回' }, { 'if-match': `"${mine.listings[0].version}"` });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await head.client.get(`/api/credit-listings/${id}`)).json().answer).toBe('我公司已全部召回');

    const current = (await head.client.get(`/api/credit-listings/${id}`)).headers.etag as string;
    const listed = await head.client.post(`/api/credit-listings/${id}/decide`, { list: true, note: '情节严重' }, { 'if-match': current });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ status: 'listed', listedOn: today, until: addYears(today, 3) });
    expect((await head.client.get(`/api/credit/${enterprise.uscc}`)).json()).toMatchObject({ class: 'D', listed: true });
    const paged = (await officer.client.get(`/api/credit-listings?status=listed&q=${enterprise.uscc}`)).json();
    expect(paged.items.map((l: { id: string }) => l.id)).toEqual([id]);
  });

  it('credit repair: the enterprise applies, staff list and decide; conditions shown', async () => {
    const officer = await staff('county_officer', '320826');
    const head = await staff('section_head', '320800');
    const { enterprise, listing } = await listingAt(env, 'listed', { enterprise: await makeEnterprise(env), proposer: officer.actor, decider: head.actor });
    const account = await enterpriseAccount(officer.client, enterprise.uscc);
    const applied = await account.post(`/api/my/credit-listings/${listing.id}/repairs`, { statement: '已整改', commitment: '本企业承诺严格遵守法律法规，诚信经营，接受社会监督。' });
    expect(applied.statusCode, applied.body).toBe(201);
    const repair = applied.json();
    expect(repair.conditions.find((c: { key: string }) => c.key === 'min_time')).toMatchObject({ met: false });
    expect((await account.post(`/api/my/credit-listings/${listing.id}/repairs`, { statement: '再次', commitment: '' })).json().error.code).toBe('REPAIR_PENDING');
    expect((await officer.client.get('/api/credit-repairs?status=pending&pageSize=100')).json().items.map((r: { id: string }) => r.id)).toContain(repair.id);
    expect((await officer.client.get(`/api/credit-repairs/${repair.id}`)).headers.etag).toBe('"1"');
    const refusedGrant = await head.client.post(`/api/credit-repairs/${repair.id}/decide`, { grant: true }, { 'if-match': '"1"' });
    expect(refusedGrant.statusCode).toBe(409);
    expect(refusedGrant.json().error).toMatchObject({ code: 'REPAIR_CONDITIONS_NOT_MET', details: { unmet: [{ key: 'min_time', met: false }] } });
    const refused = await head.client.post(`/api/credit-repairs/${repair.id}/decide`, { grant: false, reason: '列入未满一年' }, { 'if-match': '"1"' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect((await account.get('/api/my/credit')).json().repairs[0]).toMatchObject({ id: repair.id, status: 'refused', decisionReason: '列入未满一年' });
  });
});

describe('the public dishonest list', () => {
  it('shows only the contract’s fields of listings in their period, newest first, searchable by name or USCC prefix', async () => {
    const officer = await staffActor(env, ['county_officer'], '320826');
    const head = await staffActor(env, ['section_head'], '320800');
    const tag = `公示名单${Date.now().toString(36)}`;
    const named = async (n: number) => makeEnterprise(env, { name: `${tag}${n}有限公司` });
    const a = await listingAt(env, 'listed', { proposer: officer, decider: head, enterprise: await named(1), listedOn: addDays(today, -10) });
    const b = await listingAt(env, 'listed', { proposer: officer, decider: head, enterprise: await named(2), listedOn: addDays(today, -5) });
    const c = await listingAt(env, 'listed', { proposer: officer, decider: head, enterprise: await named(3), listedOn: addDays(today, -7) });
    // Ended yesterday, not yet removed by the job: never shown.
    await listingAt(env, 'listed', { proposer: officer, decider: head, enterprise: await named(4), listedOn: addYears(addDays(today, -1), -3) });
    await listingAt(env, 'noticed', { proposer: officer, enterprise: await named(5) });
    const get = (query: string) => env.app.inject({ url: `/api/public/dishonest-list?${query}`, remoteAddress: '198.51.100.31' });
    const first = await get(`q=${encodeURIComponent(tag)}&pageSize=2`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().total).toBe(3);
    const second = (await get(`q=${encodeURIComponent(tag)}&pageSize=2&page=2`)).json();
    const items = [...first.json().items, ...second.items];
    expect(items.map((i: { uscc: string }) => i.uscc)).toEqual([b, c, a].map((x) => x.enterprise.uscc));
    expect(Object.keys(items[0]).sort()).toEqual(['legalBasis', 'listedOn', 'name', 'reason', 'until', 'uscc']);
    expect(items[0]).toEqual({ uscc: b.enterprise.uscc, name: `${tag}2有限公司`, reason: REASON, legalBasis: LEGAL_BASIS, listedOn: addDays(today, -5), until: addYears(addDays(today, -5), 3) });
    expect(first.body).not.toMatch(/class|情节严重，决定列入/i);
    const byUscc = (await get(`q=${a.enterprise.uscc.slice(0, 14).toLowerCase()}`)).json();
    expect(byUscc.items.map((i: { uscc: string }) => i.uscc)).toContain(a.enterprise.uscc);
    expect((await get('extra=1')).statusCode).toBe(400);
  });

  it('as CSV: the header, the same rows in order, a cell that would run as a formula neutralised', async () => {
    const officer = await staffActor(env, ['county_officer'], '320826');
    const head = await staffActor(env, ['section_head'], '320800');
    const tag = `公示导出${Date.now().toString(36)}`;
    const svc = env.services.credit.listings;
    for (const [n, reason] of [[1, '=HYPERLINK("http://x")销售假冒产品'], [2, REASON]] as const) {
      const enterprise = await makeEnterprise(env, { name: `${tag}${n}有限公司` });
      const proposed = await svc.propose({ actor: officer }, { uscc: enterprise.uscc, source: 'manual', reason, legalBasis: LEGAL_BASIS });
      await svc.notice({ actor: officer }, proposed.id, undefined, addDays(today, -30 + n));
      await svc.decide({ actor: head }, proposed.id, { list: true, note: '列入' }, undefined, addDays(today, -10 + n));
    }
    const res = await env.app.inject({ url: `/api/public/dishonest-list.csv?q=${encodeURIComponent(tag)}`, remoteAddress: '198.51.100.32' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('统一社会信用代码,企业名称,列入事由,法律依据,列入日期,列入期限至');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${tag}2有限公司`);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"")销售假冒产品"`);
    expect(res.body).not.toMatch(/class|决定列入/i);
  });
});
