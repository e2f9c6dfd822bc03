import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { enterprises } from './enterprises.schema.js';
import { makeEnterprise, randomUscc } from './testing.js';
import { usccCheckChar } from './uscc.js';

const env = useTestEnv();
let licenceSeq = 0;

describe('registering an enterprise', () => {
  it('creates one with the contract’s fields, normalizing the USCC, audited and in its history', async () => {
    const c = await env.loginAdmin();
    const uscc = randomUscc('320830');
    const res = await c.post('/api/enterprises', {
      uscc: `  ${uscc.toLowerCase()} `,
      name: '盱眙瑞祥龙虾食品有限公司',
      legalRepresentative: '王建国',
      address: '盱眙县盱城街道五墩路 8 号',
      regionCode: '320830',
      industryCode: 'c1391',
      status: 'active',
      establishedOn: '2015-06-01',
      contacts: [{ name: '李娟', phone: '0517-88000000', role: '质量负责人' }],
      tags: ['盱眙龙虾产业集群'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ uscc, regionName: '盱眙县', industryCode: 'C1391', creditClass: null, tags: ['盱眙龙虾产业集群'] });
    const history = (await c.get(`/api/enterprises/${uscc}/history`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ action: 'created', source: 'form', actorName: 'admin' });
    expect((await c.get(`/api/audit?target=${uscc}`)).json().items[0].action).toBe('enterprise.created');
  });

  it('answers USCC_FORMAT, USCC_CHECK_DIGIT, REGION_UNKNOWN and DUPLICATE', async () => {
    const c = await env.loginAdmin();
    const good = randomUscc();
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cases: [string, string, string, number][] = [
      [good.slice(0, 17), '320826', 'USCC_FORMAT', 400],
      [good.slice(0, 16) + 'O' + good[17], '320826', 'USCC_FORMAT', 400],
      [`９${good.slice(1)}`, '320826', 'USCC_FORMAT', 400],
      [wrongCheck, '320826', 'USCC_CHECK_DIGIT', 400],
      [good, '110101', 'REGION_UNKNOWN', 400],
    ];
    for (const [uscc, regionCode, code, status] of cases) {
      const res = await c.post('/api/enterprises', { uscc, name: '某公司', regionCode });
      expect(res.statusCode, uscc).toBe(status);
      expect(res.json().error.code, uscc).toBe(code);
    }
    expect((await c.get(`/api/enterprises?q=${good}`)).json().total).toBe(0);
    await makeEnterprise(env, { uscc: good });
    expect((await c.post('/api/enterprises', { uscc: good, name: '某公司', regionCode: '320826' })).json().error.code).toBe('DUPLICATE');
  });

  it('maps a historic division code to the current one', async () => {
    const e = await makeEnterprise(env, { regionCode: '320829' });
    expect(e.regionCode).toBe('320813');
  });

  it('registers a pilot code failing the check digit only with an override, a reason and the permission', async () => {
    const first17 = '91350211M00000000'.slice(0, 17);
    const bad = first17 + (usccCheckChar(first17) === 'Y' ? '0' : 'Y');
    const admin = await env.loginAdmin();
    expect((await admin.post('/api/enterprises', { uscc: bad, name: '厦门试点企业', regionCode: '320826' })).json().error.code).toBe('USCC_CHECK_DIGIT');
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const oc = await env.login(officer.username);
    expect((await oc.post('/api/enterprises', { uscc: bad, name: '厦门试点企业', regionCode: '320826', usccOverride: { reason: '早期试点代码' } })).statusCode).toBe(403);
    const res = await admin.post('/api/enterprises', { uscc: bad, name: '厦门试点企业', regionCode: '320826', usccOverride: { reason: '福建早期试点代码，经核实' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().usccOverrideReason).toBe('福建早期试点代码，经核实');
    expect((await admin.get(`/api/audit?target=${bad}&action=enterprise.uscc_override`)).json().total).toBe(1);
  });

  it('rejects unknown properties and a credit class set by hand', async () => {
    const c = await env.loginAdmin();
    const res = await c.post('/api/enterprises', { uscc: randomUscc(), name: '某公司', regionCode: '320826', creditClass: 'A' });
    expect(res.json().error.code).toBe('VALIDATION');
    // Nor by an edit: the class is the credit model's (credit/README.md).
    const e = await makeEnterprise(env);
    expect((await c.patch(`/api/enterprises/${e.uscc}`, { creditClass: 'A' })).json().error.code).toBe('VALIDATION');
    expect((await c.get(`/api/enterprises/${e.uscc}`)).json().creditClass).toBeNull();
  });
});

describe('editing', () => {
  it('records each change with the fields it changed; an edit changing nothing records nothing', async () => {
    const e = await makeEnterprise(env);
    const c = await env.loginAdmin();
    const res = await c.patch(`/api/enterprises/${e.uscc}`, { status: 'suspended', address: '涟水县新址' });
    expect(res.json()).toMatchObject({ status: 'suspended', address: '涟水县新址' });
    await c.patch(`/api/enterprises/${e.uscc}`, { status: 'suspended' });
    const history = (await c.get(`/api/enterprises/${e.uscc}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['updated', 'created']);
    expect(history.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'active', after: 'suspended' },
        { field: 'address', before: null, after: '涟水县新址' },
      ]),
    );
  });
});

describe('searching', () => {
  it('finds by a two-character fragment of the name, by USCC prefix and by filters', async () => {
    const a = await makeEnterprise(env, { name: '涟水瑞祥机械制造有限公司', tags: ['涟水机械产业园'], status: 'active', industryCode: 'C3435' });
    await makeEnterprise(env, { name: '涟水恒通包装有限公司' });
    const c = await env.loginAdmin();
    const byFragment = (await c.get(`/api/enterprises?q=${encodeURIComponent('瑞祥')}&pageSize=100`)).json();
    expect(byFragment.items.map((e: { uscc: string }) => e.uscc)).toContain(a.uscc);
    expect(byFragment.items.every((e: { name: string }) => e.name.includes('瑞祥'))).toBe(true);
    for (const q of ['瑞', '瑞祥机', '瑞祥机械', a.uscc.slice(0, 12), a.uscc.toLowerCase()]) {
      expect((await c.get(`/api/enterprises?q=${encodeURIComponent(q)}&pageSize=100`)).json().items.map((e: { uscc: string }) => e.uscc), q).toContain(a.uscc);
    }
    const filtered = (await c.get(`/api/enterprises?regionCode=320826&status=active&tag=${encodeURIComponent('涟水机械产业园')}&industryCode=C34`)).json();
    expect(filtered.items.map((e: { uscc: string }) => e.uscc)).toEqual([a.uscc]);
    expect((await c.get('/api/enterprises?q=%25')).json().total).toBe(0);
  });

  it('sorts and pages', async () => {
    const c = await env.loginAdmin();
    const asc = (await c.get('/api/enterprises?sort=name&pageSize=500')).json().items.map((e: { name: string }) => e.name);
    const desc = (await c.get('/api/enterprises?sort=-name&pageSize=500')).json().items.map((e: { name: string }) => e.name);
    expect(desc).toEqual([...asc].reverse());
    const page2 = (await c.get('/api/enterprises?sort=uscc&page=2&pageSize=2')).json();
    const all = (await c.get('/api/enterprises?sort=uscc&pageSize=500')).json();
    expect(page2.items).toEqual(all.items.slice(2, 4));
    expect((await c.get('/api/enterprises?sort=bogus')).json().error.code).toBe('VALIDATION');
  });
});

describe('data scope', () => {
  it('lets a county user see and edit only its county’s enterprises (404 elsewhere)', async () => {
    const mine = await makeEnterprise(env, { regionCode: '320831' });
    const other = await makeEnterprise(env, { regionCode: '320803' });
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320831' });
    const c = await env.login(officer.username);
    const items = (await c.get('/api/enterprises?pageSize=500')).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e: { regionCode: string }) => e.regionCode === '320831')).toBe(true);
    expect((await c.get(`/api/enterprises/${other.uscc}`)).statusCode).toBe(404);
    expect((await c.get(`/api/enterprises/${other.uscc}/history`)).statusCode).toBe(404);
    expect((await c.patch(`/api/enterprises/${other.uscc}`, { name: 'x' })).statusCode).toBe(404);
    expect((await c.get(`/api/enterprises/${mine.uscc}`)).statusCode).toBe(200);
    expect((await c.patch(`/api/enterprises/${mine.uscc}`, { regionCode: '320803' })).statusCode).toBe(403);
    expect((await c.post('/api/enterprises', { uscc: randomUscc('320803'), name: '外县企业', regionCode: '320803' })).statusCode).toBe(403);
  });

  it('refuses writes to read-only roles and everything to anonymous callers', async () => {
    const e = await makeEnterprise(env);
    const inspector = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const c = await env.login(inspector.username);
    expect((await c.get(`/api/enterprises/${e.uscc}`)).statusCode).toBe(200);
    expect((await c.patch(`/api/enterprises/${e.uscc}`, { name: 'x' })).statusCode).toBe(403);
    expect((await env.app.inject({ url: '/api/enterprises' })).statusCode).toBe(401);
  });
});

describe('public lookup', () => {
  it('answers the public part only, without login', async () => {
    const e = await makeEnterprise(env, { contacts: [{ name: '张三', phone: '13800000000' }], legalRepresentative: '张三' });
    const res = await env.app.inject({ url: `/api/public/enterprises/${e.uscc.toLowerCase()}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ uscc: e.uscc, name: e.name, regionCode: '320826', regionName: '涟水县', status: 'active', licences: [], revocations: [], commitments: [], equipment: { byCategory: {}, overdue: 0 } });
    expect(res.body).not.toContain('13800000000');
    expect((await env.app.inject({ url: `/api/public/enterprises/${randomUscc()}` })).json().error.code).toBe('NOT_FOUND');
  });

  it('never shows the credit-risk class (internal supervision, 国市监信发〔2022〕6号): neither in the answer nor in its schema', async () => {
    const e = await makeEnterprise(env);
    await env.db.update(enterprises).set({ creditClass: 'D' }).where(eq(enterprises.uscc, e.uscc)); // as the credit model sets it
    expect((await (await env.loginAdmin()).get(`/api/enterprises/${e.uscc}`)).json().creditClass).toBe('D');
    const res = await env.app.inject({ url: `/api/public/enterprises/${e.uscc}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('creditClass');
    expect(res.body).not.toMatch(/credit/i);
    const spec = (await env.app.inject({ url: '/api/docs/json' })).json();
    const schema = JSON.stringify(spec.paths['/api/public/enterprises/{uscc}'].get.responses['200']);
    expect(schema).toContain('revocations');
    expect(schema).not.toMatch(/credit/i);
  });

  it('answers each of many concurrent lookups with its own enterprise (they share queries), unknown ones with 404', async () => {
    const found = [];
    for (let i = 0; i < 5; i++) found.push(await makeEnterprise(env));
    const unknown = randomUscc();
    const asked = [...found.map((e) => e.uscc), unknown, ...found.map((e) => e.uscc.toLowerCase()), unknown];
    const answers = await Promise.all(asked.map((uscc) => env.app.inject({ url: `/api/public/enterprises/${uscc}`, remoteAddress: '203.0.113.7' })));
    expect(answers.map((r) => (r.statusCode === 200 ? r.json().name : r.json().error.code))).toEqual([...found.map((e) => e.name), 'NOT_FOUND', ...found.map((e) => e.name), 'NOT_FOUND']);
  });

  it('lists the valid licences without their supervision state, and the revoked or withdrawn ones with the decision', async () => {
    const admin = await env.loginAdmin();
    const e = await makeEnterprise(env, { contacts: [{ name: '张三', phone: '13800000000' }] });
    const number = () => `GS-${Date.now()}-${++licenceSeq}`;
    const issue = async (type: string, dates: { issuedOn: string; expiresOn?: string }) => {
      const res = await admin.post('/api/licences', { uscc: e.uscc, type, number: number(), scope: '电线电缆', ...dates, issuer: '江苏省市场监督管理局' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; number: string };
    };
    const measure = async (id: string, to: string, extra: Record<string, unknown> = {}) => {
      const documentNo = `淮市监决〔2026〕${++licenceSeq}号`;
      const res = await admin.post(`/api/licences/${id}/transitions`, { to, reason: '复查不合格', legalBasis: '《工业产品生产许可证管理条例》', documentNo, ...extra });
      expect(res.statusCode, res.body).toBe(200);
      return documentNo;
    };
    const valid = await issue('industrial_product', { issuedOn: '2025-06-01', expiresOn: '2030-05-31' });
    const warned = await issue('se_use_registration', { issuedOn: '2024-01-10' }); // no default validity: never expires
    await measure(warned.id, 'warning', { reviewOn: addDays(todayInChina(), 30) });
    await issue('cma', { issuedOn: '2018-01-01', expiresOn: '2024-01-01' }); // past its expiry, the daily job not yet run
    await measure((await issue('industrial_product', { issuedOn: '2025-06-01' })).id, 'suspended');
    const revoked = await issue('industrial_product', { issuedOn: '2024-03-01' });
    const revokedNo = await measure(revoked.id, 'revoked');
    const withdrawn = await issue('cma', { issuedOn: '2024-03-01' });
    const withdrawnNo = await measure(withdrawn.id, 'withdrawn');

    const res = await env.app.inject({ url: `/api/public/enterprises/${e.uscc}` });
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record.licences).toEqual([
      { typeName: '工业产品生产许可证', number: valid.number, scope: '电线电缆', issuedOn: '2025-06-01', expiresOn: '2030-05-31', issuer: '江苏省市场监督管理局' },
      { typeName: '特种设备使用登记证', number: warned.number, scope: '电线电缆', issuedOn: '2024-01-10', expiresOn: null, issuer: '江苏省市场监督管理局' },
    ]);
    expect(record.revocations).toEqual([
      { typeName: '检验检测机构资质认定证书（CMA）', number: withdrawn.number, kind: 'withdrawn', decidedOn: todayInChina(), documentNo: withdrawnNo },
      { typeName: '工业产品生产许可证', number: revoked.number, kind: 'revoked', decidedOn: todayInChina(), documentNo: revokedNo },
    ]);
    for (const hidden of ['13800000000', '张三', 'warning', '警示', valid.id, '复查不合格']) expect(res.body).not.toContain(hidden);
  });

  it('is rate-limited per client with 429 RATE_LIMITED', async () => {
    const limit = env.config.publicRateLimit;
    const uscc = randomUscc();
    let last = 0;
    for (let i = 0; i <= limit; i++) last = (await env.app.inject({ url: `/api/public/enterprises/${uscc}`, remoteAddress: '203.0.113.9' })).statusCode;
    expect(last).toBe(429);
    const limited = await env.app.inject({ url: `/api/public/enterprises/${uscc}`, remoteAddress: '203.0.113.9' });
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await env.app.inject({ url: `/api/public/enterprises/${uscc}`, remoteAddress: '203.0.113.10' })).statusCode).toBe(404);
  });
});

describe('counting large results', () => {
  it('counts exactly up to the limit and estimates beyond it', async () => {
    const { generateEnterprises } = await import('../../demo/generator.js');
    const { enterprises } = await import('./enterprises.schema.js');
    const { sql } = await import('drizzle-orm');
    const { EXACT_COUNT_LIMIT } = await import('./search.js');
    const rows = [...generateEnterprises({ seed: 7, count: EXACT_COUNT_LIMIT + 200, regionCodes: ['320804'] })];
    for (let i = 0; i < rows.length; i += 1000) await env.db.insert(enterprises).values(rows.slice(i, i + 1000));
    await env.db.execute(sql`analyze enterprises`);
    const c = await env.loginAdmin();
    const big = (await c.get('/api/enterprises?regionCode=320804&pageSize=5')).json();
    expect(big.totalExact).toBe(false);
    expect(big.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(big.items).toHaveLength(5);
    const small = (await c.get(`/api/enterprises?regionCode=320804&q=${rows[0]!.uscc}`)).json();
    expect(small).toMatchObject({ total: 1, totalExact: true });
  });
});
