import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';

/**
 * The portal over HTTP: who may draft, approve, return and withdraw (permissions, data scope, 404
 * out of scope), ETag and If-Match, the error shapes, the public notices (no login, public fields
 * only, 410 once withdrawn); the open-data list and download, plain and gzip; the site's bureau.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
const staff = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);
const publicGet = (url: string, headers: Record<string, string> = {}) => env.app.inject({ url, headers, remoteAddress: '198.51.100.83' });

describe('portal notices over HTTP', () => {
  it('an officer drafts and submits; only a section head approves, returns, withdraws; the public sees published pages only', async () => {
    const officer = await staff(['county_officer'], '320826');
    const other = await staff(['county_officer'], '320830');
    const head = await staff(['section_head'], '320800');
    const inspector = await staff(['inspector'], '320826');
    const body = { kind: 'exposure', title: '曝光：不合格电动自行车头盔', summary: '三批次不合格', body: '第一段。\n\n第二段。' };

    expect((await inspector.post('/api/portal-notices', body)).statusCode).toBe(403);
    const extra = await officer.post('/api/portal-notices', { ...body, status: 'published' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION');
    expect((await officer.post('/api/portal-notices', { ...body, title: '长'.repeat(101) })).statusCode).toBe(400);
    const created = await officer.post('/api/portal-notices', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.headers.etag).toBe('"1"');
    expect((await other.get(`/api/portal-notices/${id}`)).statusCode).toBe(404);
    expect((await officer.patch(`/api/portal-notices/${id}`, { title: '改' }, { 'if-match': '"7"' })).statusCode).toBe(412);
    expect((await officer.patch(`/api/portal-notices/${id}`, { summary: null }, { 'if-match': '"1"' })).json()).toMatchObject({ summary: null, version: 2 });
    expect((await officer.post(`/api/portal-notices/${id}/submit`, {})).json().status).toBe('pending');

    expect((await officer.post(`/api/portal-notices/${id}/approve`, {})).statusCode).toBe(403);
    expect((await head.post(`/api/portal-notices/${id}/return`, {})).statusCode).toBe(400);
    const returned = await head.post(`/api/portal-notices/${id}/return`, { reason: '请附检测报告编号' });
    expect(returned.json()).toMatchObject({ status: 'draft', returnedReason: '请附检测报告编号' });
    await officer.post(`/api/portal-notices/${id}/submit`, {});
    const published = await head.post(`/api/portal-notices/${id}/approve`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');

    const list = await publicGet(`/api/public/notices?kind=exposure&q=${encodeURIComponent('电动自行车头盔')}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((n: { id: string }) => n.id)).toEqual([id]);
    const one = await publicGet(`/api/public/notices/${id}`);
    expect(Object.keys(one.json()).sort()).toEqual(['body', 'id', 'kind', 'orgName', 'publishedAt', 'summary', 'title']);
    expect(one.body).not.toMatch(/请附检测报告编号|测试用户/);

    expect((await officer.post(`/api/portal-notices/${id}/withdraw`, { reason: '有误' })).statusCode).toBe(403);
    expect((await head.post(`/api/portal-notices/${id}/withdraw`, { reason: '数据有误' })).json().status).toBe('withdrawn');
    const gone = await publicGet(`/api/public/notices/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error).toMatchObject({ code: 'WITHDRAWN' });
    expect(gone.body).not.toContain('数据有误');
    expect((await publicGet(`/api/public/notices?q=${encodeURIComponent('电动自行车头盔')}`)).json().total).toBe(0);
    expect((await head.get(`/api/portal-notices?status=withdrawn&q=${encodeURIComponent('电动自行车头盔')}`)).json().total).toBe(1);
  });
});

describe('open data over HTTP', () => {
  it('lists the files and streams a day’s CSV, gunzipped or as gzip; 404 for a day without one', async () => {
    await makeEnterprise(env, { name: '开放数据下载测试有限公司' });
    const { file } = await env.services.portal.openData.generate('2026-06-01');
    const list = await publicGet('/api/public/open-data');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0]).toEqual({ day: '2026-06-01', rows: file.rows, bytes: file.bytes, sha256: file.sha256, url: '/api/public/open-data/2026-06-01.csv' });

    const plain = await publicGet('/api/public/open-data/2026-06-01.csv');
    expect(plain.statusCode, plain.body.slice(0, 200)).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^text\/csv/);
    expect(plain.headers['content-disposition']).toMatch(/attachment; filename="open-data-2026-06-01.csv"/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(createHash('sha256').update(plain.rawPayload).digest('hex')).toBe(file.sha256);
    expect(plain.body).toContain('开放数据下载测试有限公司');

    const zipped = await publicGet('/api/public/open-data/2026-06-01.csv', { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(createHash('sha256').update(gunzipSync(zipped.rawPayload)).digest('hex')).toBe(file.sha256);

    expect((await publicGet('/api/public/open-data/2026-06-02.csv')).statusCode).toBe(404);
    expect((await publicGet('/api/public/open-data/2026-13-45.csv')).statusCode).toBe(400);
  });
});

describe('the public site over HTTP', () => {
  it('names the city bureau at the root of the org tree, without login', async () => {
    const root = await env.services.jurisdiction.rootOrg();
    const site = await publicGet('/api/public/site');
    expect(site.statusCode, site.body).toBe(200);
    expect(site.json()).toEqual({ bureauName: root!.name, regionCode: root!.regionCode, address: root!.address, phone: root!.phone });
    expect(root!.regionCode).toBe('320800');
  });

  it("gives the bureau's address and phone once its org record has them (a blank clears them)", async () => {
    const root = (await env.services.jurisdiction.rootOrg())!;
    const set = await env.services.jurisdiction.updateOrg(env.ctx, root.id, { address: ' 淮安市清江浦区示范路 1 号 ', phone: '(0517) 8360 1234' });
    expect(set).toMatchObject({ address: '淮安市清江浦区示范路 1 号', phone: '051783601234' });
    expect((await publicGet('/api/public/site')).json()).toMatchObject({ address: '淮安市清江浦区示范路 1 号', phone: '051783601234' });
    await env.services.jurisdiction.updateOrg(env.ctx, root.id, { address: '', phone: null });
    expect((await publicGet('/api/public/site')).json()).toMatchObject({ address: null, phone: null });
  });
});
