import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';

const env = useTestEnv();

describe('default jurisdiction', () => {
  it('creates Huai’an and its divisions, with historic codes mapped to current ones', async () => {
    const regions = await env.services.jurisdiction.listRegions();
    expect(regions.map((r) => r.code)).toEqual(['320800', '320803', '320804', '320812', '320813', '320826', '320830', '320831', '320871']);
    const resolve = await env.services.jurisdiction.regionResolver();
    expect(resolve('320829')).toBe('320813');
    expect(resolve('320802')).toBe('320812');
    expect(resolve('320826')).toBe('320826');
    expect(resolve('320100')).toBeNull();
  });

  it('has the city bureau at the root with one bureau per division below it', async () => {
    const c = await env.loginAdmin();
    const { items } = (await c.get('/api/orgs?pageSize=500')).json();
    const root = items.find((o: { type: string }) => o.type === 'city_bureau');
    expect(root).toMatchObject({ regionCode: '320800', parentId: null, regionName: '淮安市' });
    const counties = items.filter((o: { type: string }) => o.type === 'county_bureau');
    expect(counties).toHaveLength(8);
    expect(counties.every((o: { parentId: string }) => o.parentId === root.id)).toBe(true);
  });
});

describe('orgs API', () => {
  it('creates an org under the city bureau by default, audited', async () => {
    const c = await env.loginAdmin();
    const res = await c.post('/api/orgs', { name: '淮安市产品质量监督检验所', type: 'institution', regionCode: '320800' });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.parentId).toBe((await env.orgIn('320800')).id);
    const audit = (await c.get(`/api/audit?target=${org.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'org.created', actorName: 'admin', orgName: '淮安市市场监督管理局', after: { name: '淮安市产品质量监督检验所' } });
  });

  it('rejects bad input with the error shape and writes nothing', async () => {
    const c = await env.loginAdmin();
    const before = (await c.get('/api/orgs?pageSize=1')).json().total;
    const cases = [
      [{ name: 'x', type: 'institution', regionCode: '320800', extra: 1 }, 'VALIDATION'],
      [{ name: 'x', type: 'bank', regionCode: '320800' }, 'VALIDATION'],
      [{ name: 'x', type: 'institution', regionCode: '110000' }, 'UNKNOWN_REGION'],
      [{ name: '', type: 'institution', regionCode: '320800' }, 'VALIDATION'],
      [{ name: '淮安市市场监督管理局', type: 'city_bureau', regionCode: '320800', parentId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
    ] as const;
    for (const [body, code] of cases) {
      const res = await c.post('/api/orgs', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
      expect(typeof res.json().error.message).toBe('string');
    }
    expect((await c.get('/api/orgs?pageSize=1')).json().total).toBe(before);
  });

  it('refuses an org outside its parent’s region, a duplicate name and a cycle', async () => {
    const c = await env.loginAdmin();
    const lianshui = await env.orgIn('320826');
    expect((await c.post('/api/orgs', { name: '某企业', type: 'enterprise', regionCode: '320830', parentId: lianshui.id })).json().error.code).toBe('REGION_OUTSIDE_PARENT');
    expect((await c.post('/api/orgs', { name: '涟水县市场监督管理局', type: 'county_bureau', regionCode: '320826' })).json().error.code).toBe('ORG_NAME_TAKEN');
    const child = (await c.post('/api/orgs', { name: '涟水县某检测站', type: 'institution', regionCode: '320826', parentId: lianshui.id })).json();
    expect((await c.patch(`/api/orgs/${lianshui.id}`, { parentId: child.id })).json().error.code).toBe('ORG_CYCLE');
  });

  it('lets a county user see only its own county, and answers 404 for another county’s org', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await env.login(officer.username);
    const { items } = (await c.get('/api/orgs?pageSize=500')).json();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((o: { regionCode: string }) => o.regionCode.startsWith('320826'))).toBe(true);
    const xuyi = await env.orgIn('320830');
    const res = await c.get(`/api/orgs/${xuyi.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await c.get('/api/orgs/00000000-0000-4000-8000-000000000000')).json()).toEqual(res.json());
    expect((await c.get(`/api/orgs/${(await env.orgIn('320826')).id}`)).statusCode).toBe(200);
  });

  it('refuses writes without org.write (403) and anonymous calls (401)', async () => {
    const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const c = await env.login(officer.username);
    const res = await c.post('/api/orgs', { name: '某机构', type: 'institution', regionCode: '320826' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await env.app.inject({ url: '/api/orgs' })).statusCode).toBe(401);
  });

  it('keeps a region-scoped org administrator inside its county', async () => {
    await env.services.roles.create(env.ctx, { key: 'county_admin', name: '县区管理员', permissions: ['org.read', 'org.write', 'user.read', 'user.write'], dataScope: 'region' });
    const countyAdmin = await env.makeUser({ roles: ['county_admin'], regionCode: '320831' });
    const c = await env.login(countyAdmin.username);
    const jinhu = await env.orgIn('320831');
    expect((await c.post('/api/orgs', { name: '金湖县某企业', type: 'enterprise', regionCode: '320831', parentId: jinhu.id })).statusCode).toBe(201);
    expect((await c.post('/api/orgs', { name: '盱眙县某企业', type: 'enterprise', regionCode: '320830' })).statusCode).toBe(403);
    expect((await c.patch(`/api/orgs/${(await env.orgIn('320830')).id}`, { name: 'x' })).statusCode).toBe(404);
  });
});

describe('short names (issue 12 item 11)', () => {
  it('has the Huai’an bureaus’ short names by default, and an administrator sets, changes and clears one (If-Match, audited)', async () => {
    const c = await env.loginAdmin();
    const lianshui = (await c.get(`/api/orgs/${(await env.orgIn('320826')).id}`)).json();
    expect(lianshui).toMatchObject({ name: '涟水县市场监督管理局', shortName: '涟市监' });

    const created = (await c.post('/api/orgs', { name: '淮安市某新设检验所', shortName: ' 淮新监 ', type: 'institution', regionCode: '320800' })).json();
    expect(created.shortName).toBe('淮新监');
    const changed = await c.patch(`/api/orgs/${created.id}`, { shortName: '淮新分局' }, { 'if-match': `"${created.version}"` });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ shortName: '淮新分局', name: '淮安市某新设检验所' });
    const cleared = (await c.patch(`/api/orgs/${created.id}`, { shortName: '' }, { 'if-match': `"${changed.json().version}"` })).json();
    expect(cleared.shortName).toBeNull();
    expect((await c.patch(`/api/orgs/${created.id}`, { shortName: 'x'.repeat(21) }, { 'if-match': `"${cleared.version}"` })).statusCode).toBe(400);

    const audit = (await c.get(`/api/audit?target=${created.id}&action=org.updated`)).json();
    expect(audit.items.map((e: { before: { shortName: string | null }; after: { shortName: string | null } }) => [e.before.shortName, e.after.shortName])).toEqual([
      ['淮新分局', null],
      ['淮新监', '淮新分局'],
    ]);
  });
});

describe('public contact', () => {
  it('an administrator sets, keeps and clears an org’s address and phone; a bad phone or a long address is 400 and changes nothing', async () => {
    const c = await env.loginAdmin();
    const created = (await c.post('/api/orgs', { name: '淮安市某联系测试所', type: 'institution', regionCode: '320800', address: '淮安市示范路 2 号', phone: '0517 8360 1234' })).json();
    expect(created).toMatchObject({ address: '淮安市示范路 2 号', phone: '051783601234' });
    const renamed = (await c.patch(`/api/orgs/${created.id}`, { name: '淮安市某联系测试中心' }, { 'if-match': `"${created.version}"` })).json();
    expect(renamed).toMatchObject({ address: '淮安市示范路 2 号', phone: '051783601234' });
    for (const [body, field] of [
      [{ phone: '12315' }, 'phone'],
      [{ phone: '0517-8360' }, 'phone'],
      [{ address: '路'.repeat(201) }, 'address'],
    ] as const) {
      const bad = await c.patch(`/api/orgs/${created.id}`, body, { 'if-match': `"${renamed.version}"` });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION');
      expect(JSON.stringify(bad.json().error.details)).toContain(`"field":"${field}"`);
    }
    expect((await c.get(`/api/orgs/${created.id}`)).json()).toMatchObject({ version: renamed.version, address: '淮安市示范路 2 号', phone: '051783601234' });
    const cleared = (await c.patch(`/api/orgs/${created.id}`, { address: ' ', phone: null }, { 'if-match': `"${renamed.version}"` })).json();
    expect(cleared).toMatchObject({ address: null, phone: null });
  });
});
