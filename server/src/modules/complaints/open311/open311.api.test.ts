import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { complaints } from '../complaints.schema.js';

/**
 * Issue 17, Open311: the GeoReport v2 answers checked against the spec's field names (exact key
 * lists), form-encoded filing (anonymous and named), reading by `service_request_id` (an
 * unguessable token, not the tracking number) without personal data, the multi-id read, errors
 * and unknown paths in the GeoReport shape, idempotent filing, and the per-client limit.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
const tight = useTestEnv({ publicRateLimit: 6 });

/** The GeoReport v2 field names of each answer (wiki.open311.org/GeoReport_v2), as we answer them. */
const SERVICE_KEYS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const CREATED_KEYS = ['service_request_id', 'service_notice', 'account_id'];
const REQUEST_KEYS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'lat',
  'long',
  'media_url',
];
const ERROR_KEYS = ['code', 'description'];
/** W3C date-time with seconds and an offset, as GeoReport requires. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

const sorted = (keys: string[]) => [...keys].sort();
let ip = 0;
/** A fresh client address per call (the per-client limit is tested on its own). */
const addr = () => `198.51.100.${(ip++ % 200) + 1}`;

type App = typeof env.app;
function file(fields: Record<string, string>, opts: { headers?: Record<string, string>; remoteAddress?: string; app?: App } = {}) {
  return (opts.app ?? env.app).inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
    remoteAddress: opts.remoteAddress ?? addr(),
  });
}
const get = (url: string, app: App = env.app, remoteAddress = addr()) => app.inject({ url, remoteAddress });

async function filed(fields: Record<string, string>) {
  const res = await file(fields);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { service_request_id: string }[])[0]!.service_request_id;
}
/** The stored item behind a token (through intake's own read by token). */
async function rowOf(token: string) {
  const { trackingNo } = await env.services.complaints.intake.publicViewByToken(token);
  return (await env.db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo)))[0]!;
}
async function readOne(token: string) {
  const res = await get(`/open311/v2/requests/${token}.json`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as Record<string, unknown>[];
  expect(body).toHaveLength(1);
  return { body: body[0]!, raw: res.body };
}

function expectGeoError(res: { statusCode: number; body: string; json: () => unknown }, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { code: number; description: string }[];
  expect(Array.isArray(body), res.body).toBe(true);
  expect(body).toHaveLength(1);
  expect(sorted(Object.keys(body[0]!))).toEqual(sorted(ERROR_KEYS));
  expect(body[0]!.code).toBe(status);
  expect(body[0]!.description.length).toBeGreaterThan(0);
  return body[0]!.description;
}

const ANONYMOUS = { service_code: 'product_defect', description: '超市出售的电热水壶底座发烫冒烟', address_string: '淮安市清江浦区某超市' };

describe('GET /open311/v2/services.json', () => {
  it('lists every active category with exactly the GeoReport v2 service fields', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const services = res.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(5);
    for (const s of services) {
      expect(sorted(Object.keys(s))).toEqual(sorted(SERVICE_KEYS));
      expect(s).toMatchObject({ metadata: false, type: 'realtime' });
    }
    expect(services.find((s) => s.service_code === 'elevator_trapping')).toMatchObject({ service_name: '电梯困人', group: '特种设备' });
    expect(services.find((s) => s.service_code === 'measuring_short')).toMatchObject({ group: '计量' });
  });

  it('leaves out a deactivated category, and filing under it is refused', async () => {
    const topics = env.services.complaints.routing.topics;
    await topics.createCategory(env.ctx, { key: 'open311_gone', topic: 'other', name: '停用的类别', nameEn: 'Gone' });
    await topics.updateCategory(env.ctx, 'open311_gone', { active: false });
    const codes = ((await get('/open311/v2/services.json')).json() as { service_code: string }[]).map((s) => s.service_code);
    expect(codes).toContain('elevator_trapping');
    expect(codes).not.toContain('open311_gone');
    expectGeoError(await file({ ...ANONYMOUS, service_code: 'open311_gone' }), 400);
  });
});

describe('POST /open311/v2/requests.json', () => {
  it('files an anonymous report (form-encoded) and answers the spec’s array with an unguessable token', async () => {
    const res = await file(ANONYMOUS);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Record<string, unknown>[];
    expect(body).toHaveLength(1);
    expect(sorted(Object.keys(body[0]!))).toEqual(sorted(CREATED_KEYS));
    const token = body[0]!.service_request_id as string;
    expect(body[0]!.account_id).toBeNull();
    // ≥ 128 bits: at least 22 base64url characters; not the tracking number.
    expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const row = await rowOf(token);
    expect(token).not.toContain(row.trackingNo);
    expect(row).toMatchObject({ kind: 'report', channel: 'open311', category: 'product_defect', topic: 'product_quality', anonymous: true, place: ANONYMOUS.address_string, description: ANONYMOUS.description });
    expect(row.reporterPhoneSealed).toBeNull();
  });

  it('files a named report with a name and a phone; the e-mail goes with it; a phone alone stays anonymous', async () => {
    const named = await rowOf(await filed({ ...ANONYMOUS, first_name: '小明', last_name: '王', phone: '13812345678', email: 'wang@example.com' }));
    expect(named).toMatchObject({ anonymous: false, reporterNameMasked: '王**', reporterPhoneMasked: '138****5678' });
    expect(named.reporterPhoneSealed).not.toContain('13812345678');
    expect(named.reporterEmailSealed).not.toBeNull();
    const phoneOnly = await rowOf(await filed({ ...ANONYMOUS, phone: '13812345678' }));
    expect(phoneOnly.anonymous).toBe(true);
    expect(phoneOnly.reporterPhoneSealed).toBeNull();
  });

  it('keeps the coordinates in the place: `lat,long` alone, behind the address when both are given', async () => {
    const point = await rowOf(await filed({ service_code: 'elevator_trapping', description: '电梯困人', lat: '33.6104', long: '119.0153' }));
    expect(point).toMatchObject({ place: '33.6104,119.0153', urgent: true, topic: 'special_equipment' });
    const both = await rowOf(await filed({ ...ANONYMOUS, lat: '33.5', long: '119.1' }));
    expect(both.place).toBe(`${ANONYMOUS.address_string}（33.5,119.1）`);
  });

  it('accepts the fields GeoReport clients send and ignores them (jurisdiction_id, device_id, account_id, api_key, media_url, attribute[…])', async () => {
    const res = await file({ ...ANONYMOUS, jurisdiction_id: 'huaian.gov.cn', device_id: 'abc', account_id: '42', api_key: 'whatever', media_url: 'http://example.com/x.jpg', 'attribute[WHISPAWN]': '1', address_id: '7' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses bad filings with 400 in the GeoReport error shape, writing nothing', async () => {
    const before = (await env.db.select({ id: complaints.id }).from(complaints)).length;
    const { description: _d, ...noDescription } = ANONYMOUS;
    const { service_code: _s, ...noCode } = ANONYMOUS;
    const { address_string: _a, ...nowhere } = ANONYMOUS;
    expect(expectGeoError(await file(noCode), 400)).toContain('service_code');
    expect(expectGeoError(await file(noDescription), 400)).toContain('description');
    expect(expectGeoError(await file({ ...ANONYMOUS, service_code: 'no_such_service' }), 400)).toContain('service_code');
    expect(expectGeoError(await file(nowhere), 400)).toContain('address_string');
    expectGeoError(await file({ ...nowhere, lat: '33.5' }), 400);
    expectGeoError(await file({ ...nowhere, lat: '95', long: '119' }), 400);
    expectGeoError(await file({ ...nowhere, lat: 'abc', long: '119' }), 400);
    expectGeoError(await file({ ...ANONYMOUS, description: '长'.repeat(5001) }), 400);
    expectGeoError(await file({ ...ANONYMOUS, description: '   ' }), 400);
    expectGeoError(await file({ ...ANONYMOUS, address_string: '址'.repeat(171) }), 400);
    expectGeoError(await file({ ...ANONYMOUS, surprise: 'x' }), 400);
    const raw = (payload: string) => env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, remoteAddress: addr() });
    const form = new URLSearchParams(ANONYMOUS).toString();
    expectGeoError(await raw(`${form}&__proto__=x`), 400);
    expectGeoError(await raw(`${form}&constructor=x`), 400);
    // A key given twice is not a field.
    expectGeoError(await raw(`${form}&service_code=counterfeit`), 400);
    // Percent signs that are no escapes are taken as text, not a 5xx.
    expectGeoError(await raw(`${form}&lat=%zz&long=%E6`), 400);
    // Not form-encoded: neither a body we read nor a 5xx.
    expect(expectGeoError(await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form, headers: { 'content-type': 'text/plain' }, remoteAddress: addr() }), 400)).toContain('application/x-www-form-urlencoded');
    expectGeoError(await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: '<a/>', headers: { 'content-type': 'application/xml' }, remoteAddress: addr() }), 415);
    expectGeoError(await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', remoteAddress: addr() }), 400);
    expectGeoError(await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: `description=${'x'.repeat(200_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: addr() }), 413);
    expect((await env.db.select({ id: complaints.id }).from(complaints)).length).toBe(before);
  });

  it('never repeats the reporter’s phone in an error', async () => {
    const res = await file({ ...ANONYMOUS, first_name: '明', last_name: '王', phone: '1381234567x' });
    expect(expectGeoError(res, 400)).not.toContain('1381234567');
    expect(res.body).not.toContain('1381234567');
  });

  it('with the same Idempotency-Key and body answers the first token again and files once', async () => {
    const headers = { 'idempotency-key': `o311-${Date.now()}` };
    const body = { ...ANONYMOUS, description: `重复提交测试 ${Date.now()}` };
    const first = await file(body, { headers, remoteAddress: '203.0.113.5' });
    const again = await file(body, { headers, remoteAddress: '203.0.113.5' });
    expect(first.statusCode, first.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    const rows = await env.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.description, body.description));
    expect(rows).toHaveLength(1);
    expectGeoError(await file({ ...body, description: `${body.description}！` }, { headers, remoteAddress: '203.0.113.5' }), 422);
  });
});

describe('GET /open311/v2/requests/:id.json', () => {
  it('answers exactly the GeoReport v2 request fields, open, with the bureau, dates with offsets and the next due date', async () => {
    const token = await filed(ANONYMOUS);
    const row = await rowOf(token);
    const { body } = await readOne(token);
    expect(sorted(Object.keys(body))).toEqual(sorted(REQUEST_KEYS));
    const bureau = (await env.services.jurisdiction.getOrg(null, row.orgId)).name;
    expect(body).toMatchObject({
      service_request_id: token,
      status: 'open',
      status_notes: null,
      service_code: 'product_defect',
      service_name: '产品质量问题',
      agency_responsible: bureau,
      address: ANONYMOUS.address_string,
      lat: null,
      long: null,
      media_url: null,
    });
    for (const key of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(body[key], key).toMatch(W3C_DATETIME);
    expect(new Date(body.requested_datetime as string).getTime()).toBe(row.receivedAt.getTime() - (row.receivedAt.getTime() % 1000));
    // The verify clock (15 working days) is the next one due.
    const [clock] = await env.services.complaints.clocks.of(env.db, row.id);
    expect(body.expected_datetime).toBe(`${clock!.dueOn}T23:59:59+08:00`);
  });

  it('gives the point back as lat/long and shows no personal data, nor the description', async () => {
    const token = await filed({ service_code: 'boiler_leak', description: '锅炉房蒸汽泄漏，联系人王小明 13912345678', lat: '33.5', long: '119.1', first_name: '小明', last_name: '王', phone: '13912345678', email: 'wxm@example.com' });
    const { body, raw } = await readOne(token);
    expect(body).toMatchObject({ lat: 33.5, long: 119.1, address: null, service_code: 'boiler_leak' });
    for (const secret of ['13912345678', '139****5678', '王小明', '小明', 'wxm@example.com', '锅炉房蒸汽泄漏']) expect(raw).not.toContain(secret);
    const row = await rowOf(token);
    expect(raw).not.toContain(row.trackingNo);
  });

  it('is closed with the approved public result once the item is closed or refused; no expected date then', async () => {
    const closed = await filed(ANONYMOUS);
    const refused = await filed(ANONYMOUS);
    const closedAt = new Date();
    await env.db.update(complaints).set({ status: 'closed', publicResult: '经核查情况属实，已责令整改并立案查处。', closedAt }).where(eq(complaints.id, (await rowOf(closed)).id));
    await env.db.update(complaints).set({ status: 'refused', publicResult: '不属于本部门职责范围。' }).where(eq(complaints.id, (await rowOf(refused)).id));
    expect((await readOne(closed)).body).toMatchObject({ status: 'closed', status_notes: '经核查情况属实，已责令整改并立案查处。', expected_datetime: null });
    expect((await readOne(refused)).body).toMatchObject({ status: 'closed', status_notes: '不属于本部门职责范围。', expected_datetime: null });
    expect(new Date((await readOne(closed)).body.updated_datetime as string).getTime()).toBeGreaterThanOrEqual(closedAt.getTime() - 1000);
  });

  it('answers an unknown id, the tracking number and a malformed id with 404 in the GeoReport shape', async () => {
    const token = await filed(ANONYMOUS);
    const row = await rowOf(token);
    expectGeoError(await get('/open311/v2/requests/AAAAAAAAAAAAAAAAAAAAAAAA.json'), 404);
    expectGeoError(await get(`/open311/v2/requests/${row.trackingNo}.json`), 404);
    expectGeoError(await get(`/open311/v2/requests/${encodeURIComponent("'; drop table complaints; --")}.json`), 404);
    expectGeoError(await get(`/open311/v2/requests/${token}.xml`), 404);
  });
});

describe('GET /open311/v2/requests.json', () => {
  it('answers the known ones of a comma-separated list, in the order asked, once each', async () => {
    const a = await filed(ANONYMOUS);
    const b = await filed({ ...ANONYMOUS, service_code: 'counterfeit' });
    const res = await get(`/open311/v2/requests.json?service_request_id=${b},unknownunknownunknown00,${a},${b}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Record<string, unknown>[];
    expect(body.map((r) => r.service_request_id)).toEqual([b, a]);
    for (const r of body) expect(sorted(Object.keys(r))).toEqual(sorted(REQUEST_KEYS));
    // GeoReport's other filters are ignored when ids are given.
    expect((await get(`/open311/v2/requests.json?service_request_id=${a}&status=closed&jurisdiction_id=x`)).json()).toHaveLength(1);
    expect((await get('/open311/v2/requests.json?service_request_id=unknownunknownunknown00')).json()).toEqual([]);
  });

  it('does not list all requests: no id → 400; more than 50 → 400', async () => {
    expect(expectGeoError(await get('/open311/v2/requests.json'), 400)).toContain('service_request_id');
    expectGeoError(await get('/open311/v2/requests.json?status=open'), 400);
    expectGeoError(await get('/open311/v2/requests.json?service_request_id=,,'), 400);
    const many = Array.from({ length: 51 }, (_, i) => `token${String(i).padStart(20, '0')}`).join(',');
    expectGeoError(await get(`/open311/v2/requests.json?service_request_id=${many}`), 400);
    expectGeoError(await get('/open311/v2/requests.json?surprise=1&service_request_id=a'), 400);
  });
});

describe('the /open311 paths', () => {
  it('answer 404 in the GeoReport shape for anything else, other formats included', async () => {
    for (const url of ['/open311', '/open311/v2', '/open311/v2/services.xml', '/open311/v2/requests.xml', '/open311/v2/discovery.json', '/open311/v3/services.json']) {
      expectGeoError(await get(url), 404);
    }
    expectGeoError(await env.app.inject({ method: 'DELETE', url: '/open311/v2/services.json', remoteAddress: addr() }), 404);
  });

  it('are all public, declared in the route table (fuzzed and walked like every public route)', () => {
    const routes = env.app.routeTable.filter((r) => r.url.startsWith('/open311') && r.method !== 'HEAD');
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /open311/v2/requests.json', 'GET /open311/v2/requests/:id.json', 'GET /open311/v2/services.json', 'POST /open311/v2/requests.json'].sort());
    for (const r of routes) expect(r.access, r.url).toBe('public');
  });

  it('go through the access control like every API route (a revoked or unknown API key is refused)', async () => {
    const res = await env.app.inject({ url: '/open311/v2/services.json', headers: { authorization: 'Bearer zj_not_a_key' }, remoteAddress: addr() });
    expectGeoError(res, 401);
  });

  it('are limited per client like the other public routes (429 in the GeoReport shape, with Retry-After)', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      last = await get('/open311/v2/services.json', tight.app, '192.0.2.77');
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expectGeoError(last!, 429);
    expect(last!.headers['retry-after']).toBeDefined();
    // Another client is not held up.
    expect((await get('/open311/v2/services.json', tight.app, '192.0.2.78')).statusCode).toBe(200);
  });

  it('limit filings by the public submissions’ stricter budget too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await file(ANONYMOUS, { app: tight.app, remoteAddress: '192.0.2.80' })).statusCode);
    // publicRateLimit 6: submissions (web and Open311 alike) 1 a minute per client.
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1)).toEqual([429, 429]);
  });
});
