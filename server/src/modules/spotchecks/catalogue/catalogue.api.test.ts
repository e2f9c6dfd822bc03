import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type TestEnv, useTestEnv } from '../../../test/app.js';
import { makeCase } from '../../cases/testing.js';
import { makeComplaint } from '../../complaints/testing.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { spotcheckProducts } from '../spotchecks.schema.js';
import { makeProduct, makeProducers } from '../testing.js';
import { productInput } from './testing-catalogue.js';

const env = useTestEnv();
type Client = Awaited<ReturnType<TestEnv['login']>>;
const THIS_YEAR = Number(todayInChina().slice(0, 4));
const PASSWORD = 'Qiye#Zhanghao2026';

let seq = 0;
const as = async (roles: string[], regionCode = '320800') => env.login((await env.makeUser({ roles, regionCode })).username);

let city: Client;
let county: Client;
let sectionHead: Client;
let institution: Client;
let enterprise: Client;
beforeAll(async () => {
  city = await as(['city_officer']);
  county = await as(['county_officer'], '320826');
  sectionHead = await as(['section_head']);
  institution = await as(['institution']);
  const e = await makeEnterprise(env);
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc: e.uscc, username: `ent.catalogue.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  enterprise = await env.login(user.username, PASSWORD);
});

const errorCode = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code;

describe('products over HTTP', () => {
  it('creates (201, ETag, code upper-cased); a taken code, however written, is 409 PRODUCT_CODE_TAKEN', async () => {
    const body = productInput({ code: ` jd-${Date.now().toString(36)} ` });
    const res = await city.post('/api/spotcheck/products', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({ code: body.code.trim().toUpperCase(), producerCount: 0, lastPassRate: null, testItems: body.testItems.map((i) => ({ ...i, critical: i.critical === true })) });
    const again = await city.post('/api/spotcheck/products', { ...body, code: body.code.trim().toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'PRODUCT_CODE_TAKEN', details: { field: 'code' } });
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const good = productInput();
    const bad: Record<string, unknown>[] = [
      { ...good, impact: 6 },
      { ...good, impact: 0 },
      { ...good, category: 'toys' },
      { ...good, batchCost: 0 },
      { ...good, testItems: [] },
      { ...good, testItems: [{ name: '标识', requirement: '有', method: '目测', extra: 1 }] },
      { ...good, testItems: [{ name: '标识', requirement: '有' }] },
      { ...good, unknown: true },
      { ...good, code: '日用品' },
      { ...good, name: '   ' },
      { ...good, sampleSize: null },
      { ...good, sampleSize: 3, inspectionLevel: 'II', aql: '1.0' },
      { ...good, sampleSize: null, inspectionLevel: 'II', aql: '1.2' },
      { ...good, sampleSize: null, inspectionLevel: 'V', aql: '1.0' },
      { ...good, sampleSize: null, inspectionLevel: 'II' },
      { ...good, testItems: [good.testItems[0], good.testItems[0]] },
    ];
    for (const body of bad) {
      const res = await city.post('/api/spotcheck/products', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toMatch(/VALIDATION|DUPLICATE_ITEM/);
    }
    expect(await env.db.select().from(spotcheckProducts).where(eq(spotcheckProducts.code, good.code.toUpperCase()))).toHaveLength(0);
    // A GB/T 2828.1 plan instead of a fixed size is fine.
    const res = await city.post('/api/spotcheck/products', { ...good, sampleSize: null, inspectionLevel: 'S-3', aql: 4 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sampleSize: null, inspectionLevel: 'S-3', aql: '4.0' });
  });

  it('GET answers the ETag; PATCH needs If-Match (428), refuses a stale one (412) changing nothing, applies the current one; the code cannot change', async () => {
    const created = (await city.post('/api/spotcheck/products', productInput())).json();
    const url = `/api/spotcheck/products/${created.id}`;
    const got = await county.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect((await city.patch(url, { impact: 5 })).statusCode).toBe(428);
    const stale = await city.patch(url, { impact: 5 }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(412);
    expect((await city.get(url)).json()).toMatchObject({ impact: 4, version: 1 });
    expect((await city.patch(url, { code: 'NEW-1' }, { 'if-match': '"1"' })).statusCode).toBe(400);
    const ok = await city.patch(url, { impact: 5, standards: ['GB 4706.1-2005', ' GB 4706.1-2005 ', ''] }, { 'if-match': '"1"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ impact: 5, standards: ['GB 4706.1-2005'], version: 2 });
    expect((await city.get('/api/spotcheck/products/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('who may: staff read; writes are city-only (county 403 NOT_CITY, section head 403); institution and enterprise accounts get 403', async () => {
    const p = await makeProduct(env);
    const url = `/api/spotcheck/products/${p.id}`;
    for (const c of [city, county, sectionHead]) {
      expect((await c.get('/api/spotcheck/products')).statusCode).toBe(200);
      expect((await c.get(url)).statusCode).toBe(200);
      expect((await c.get(`${url}/history`)).statusCode).toBe(200);
      expect((await c.get(`${url}/producers`)).statusCode).toBe(200);
    }
    const writes = (c: Client) => [
      c.post('/api/spotcheck/products', productInput()),
      c.patch(url, { impact: 2 }, { 'if-match': '"1"' }),
      c.put(`${url}/history/${THIS_YEAR - 1}`, { batches: 1, passed: 1, failingItems: [] }),
      c.delete(`${url}/history/${THIS_YEAR - 1}`),
      c.post(`${url}/producers`, { usccs: ['91320826MA1XXXXX0X'] }),
      c.delete(`${url}/producers/${p.id}`),
      c.post(`${url}/links`, { kind: 'case', refId: p.id }),
      c.delete(`${url}/links/${p.id}`),
    ];
    for (const res of await Promise.all(writes(county))) {
      expect(res.statusCode, res.body).toBe(403);
      expect(errorCode(res)).toBe('NOT_CITY');
    }
    for (const res of await Promise.all(writes(sectionHead))) expect(res.statusCode).toBe(403);
    for (const c of [institution, enterprise]) {
      for (const res of await Promise.all([c.get('/api/spotcheck/products'), c.get(url), c.get(`${url}/history`), c.get(`${url}/producers`), ...writes(c)])) expect(res.statusCode).toBe(403);
    }
    expect((await city.get(url)).json()).toMatchObject({ impact: 3, version: 1 });
  });

  it('lists with filters, ordered by code', async () => {
    const tag = `API${Date.now().toString(36).toUpperCase()}`;
    for (const s of ['C', 'A', 'B']) await makeProduct(env, { code: `${tag}-${s}`, category: s === 'B' ? 'children' : 'electrical' });
    const all = (await county.get(`/api/spotcheck/products?q=${tag.toLowerCase()}&pageSize=2`)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((i: { code: string }) => i.code)).toEqual([`${tag}-A`, `${tag}-B`]);
    const page2 = (await county.get(`/api/spotcheck/products?q=${tag}&pageSize=2&page=2`)).json();
    expect(page2.items.map((i: { code: string }) => i.code)).toEqual([`${tag}-C`]);
    expect((await county.get(`/api/spotcheck/products?q=${tag}&category=children`)).json().items.map((i: { code: string }) => i.code)).toEqual([`${tag}-B`]);
    expect((await county.get('/api/spotcheck/products?category=toys')).statusCode).toBe(400);
  });
});

describe('history, links and producers over HTTP', () => {
  it('enters a past year (not this one), shows it in the history with links; deletes both', async () => {
    const p = await makeProduct(env);
    const url = `/api/spotcheck/products/${p.id}`;
    const thisYear = await city.put(`${url}/history/${THIS_YEAR}`, { batches: 3, passed: 3, failingItems: [] });
    expect(thisYear.statusCode).toBe(400);
    expect(errorCode(thisYear)).toBe('HISTORY_YEAR');
    expect((await city.put(`${url}/history/${THIS_YEAR - 1}`, { batches: 3, passed: 4, failingItems: [] })).statusCode).toBe(400);
    const saved = await city.put(`${url}/history/${THIS_YEAR - 1}`, { batches: 4, passed: 3, failingItems: ['燃烧性能'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ year: THIS_YEAR - 1, batches: 4, passed: 3, failingItems: ['燃烧性能'] });

    const complaint = await makeComplaint(env, { kind: 'complaint' });
    const kase = await makeCase(env);
    const l1 = await city.post(`${url}/links`, { kind: 'complaint', refId: complaint.id });
    expect(l1.statusCode, l1.body).toBe(201);
    expect((await city.post(`${url}/links`, { kind: 'case', refId: kase.id })).statusCode).toBe(201);
    expect((await city.post(`${url}/links`, { kind: 'case', refId: kase.id })).statusCode).toBe(409);
    expect((await city.post(`${url}/links`, { kind: 'lead', refId: kase.id })).statusCode).toBe(400);
    expect((await city.post(`${url}/links`, { kind: 'case', refId: 'x' })).statusCode).toBe(400);

    const h = (await county.get(`${url}/history`)).json();
    expect(h.years).toEqual([{ year: THIS_YEAR - 1, batches: 4, passed: 3, passRate: 0.75, failingItems: [{ item: '燃烧性能', count: 1 }], source: 'history' }]);
    expect(h.complaints.map((c: { refNo: string }) => c.refNo)).toEqual([complaint.trackingNo]);
    expect(h.cases.map((c: { refNo: string }) => c.refNo)).toEqual([kase.caseNo]);
    expect(h.suggestions).toEqual([]);

    expect((await city.delete(`${url}/links/${l1.json().id}`)).statusCode).toBe(204);
    expect((await city.delete(`${url}/history/${THIS_YEAR - 1}`)).statusCode).toBe(204);
    expect((await city.delete(`${url}/history/${THIS_YEAR - 1}`)).statusCode).toBe(404);
    expect((await county.get(`${url}/history`)).json()).toMatchObject({ years: [], complaints: [] });
  });

  it('producers: added by USCC (unknown ones named, nothing added), listed in the reader’s jurisdiction, paged by name; an enterprise’s products (another county’s: 404)', async () => {
    const p = await makeProduct(env);
    const url = `/api/spotcheck/products/${p.id}/producers`;
    const here: Awaited<ReturnType<typeof makeEnterprise>>[] = [];
    for (let i = 0; i < 8; i++) here.push(await makeEnterprise(env, { regionCode: '320826' }));
    const there = await makeEnterprise(env, { regionCode: '320803' });
    const unknown = await city.post(url, { usccs: [here[0]!.uscc, '91320826MA00000000'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_USCC', details: { unknown: ['91320826MA00000000'] } });
    expect((await city.get(url)).json().total).toBe(0);
    expect((await city.post(url, { usccs: [] })).statusCode).toBe(400);
    expect((await city.post(url, { usccs: Array.from({ length: 501 }, () => here[0]!.uscc) })).statusCode).toBe(400);

    const added = await city.post(url, { usccs: [...here, there].map((e) => e.uscc) });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ added: 9, alreadyListed: 0 });
    expect((await city.get(url)).json().total).toBe(9);
    // The county reads its own county's producers, 3 at a time, without a repeat.
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) seen.push(...(await county.get(`${url}?pageSize=3&page=${page}`)).json().items.map((i: { uscc: string }) => i.uscc));
    expect(new Set(seen)).toEqual(new Set(here.map((e) => e.uscc)));
    expect(seen).toHaveLength(8);

    const mine = await county.get(`/api/spotcheck/enterprises/${here[0]!.id}/products`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, items: [{ id: p.id, code: p.code, source: 'register', lastSampledOn: null }] });
    expect((await county.get(`/api/spotcheck/enterprises/${there.id}/products`)).statusCode).toBe(404);
    expect((await enterprise.get(`/api/spotcheck/enterprises/${here[0]!.id}/products`)).statusCode).toBe(403);

    expect((await city.delete(`${url}/${there.id}`)).statusCode).toBe(204);
    expect((await city.delete(`${url}/${there.id}`)).statusCode).toBe(404);
    expect((await city.get(`/api/spotcheck/products/${p.id}`)).json().producerCount).toBe(8);
  });

  it('a product’s producers from the test factory are listed with their source', async () => {
    const p = await makeProduct(env);
    await makeProducers(env, p.id, 2, '320826');
    const list = (await county.get(`/api/spotcheck/products/${p.id}/producers`)).json();
    expect(list.items).toHaveLength(2);
    expect(list.items.every((i: { source: string }) => i.source === 'register')).toBe(true);
  });
});
