import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';

/**
 * Issue 17, routing's configuration over the API: topics and categories read with
 * `complaint.read`, changed with `complaint.configure` by city-wide users only (a county-scoped
 * holder 403), If-Match, audited; the public form's list without login.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
const staff = async (role: string, regionCode = '320800') => env.login((await env.makeUser({ roles: [role], regionCode })).username);

async function sectionNamed(name: string) {
  const { items } = await env.services.jurisdiction.listOrgs(env.admin, { type: 'city_section', q: name }, { page: 1, pageSize: 5 });
  return items.find((o) => o.name === name)!;
}

describe('topics and categories', () => {
  it('are read by anyone holding complaint.read, in order, with the effective section', async () => {
    const county = await staff('county_officer', '320826');
    const hotline = await staff('hotline_operator');
    for (const c of [county, hotline]) {
      const topics = await c.get('/api/complaint-topics');
      expect(topics.statusCode, topics.body).toBe(200);
      expect(topics.json().items.map((t: { key: string }) => t.key)).toEqual(['special_equipment', 'metrology', 'product_quality', 'standards', 'other']);
      expect(topics.json().items[0]).toMatchObject({ sectionId: (await sectionNamed('特种设备安全监察科')).id, sectionName: '特种设备安全监察科', version: 1 });
    }
    const cats = await county.get('/api/complaint-categories?topic=special_equipment');
    expect(cats.statusCode).toBe(200);
    expect(cats.json().items.filter((c: { urgent: boolean }) => c.urgent).map((c: { key: string }) => c.key)).toEqual(['elevator_trapping', 'boiler_leak', 'vessel_leak', 'ride_fault']);
    const one = await county.get('/api/complaint-categories/elevator_trapping');
    expect(one.json()).toMatchObject({ name: '电梯困人', urgent: true, active: true });
    expect(one.headers.etag).toBe(`"${one.json().version}"`);
    expect((await county.get('/api/complaint-categories/nope')).statusCode).toBe(404);
    expect((await county.get('/api/complaint-categories?extra=1')).statusCode).toBe(400);
  });

  it('are changed only by city-wide holders of complaint.configure (a county officer 403, a county-scoped configurer 403)', async () => {
    const county = await staff('county_officer', '320826');
    await env.services.roles.create(env.ctx, { key: 'county_complaint_config', name: '县区局投诉举报配置', permissions: ['complaint.read', 'complaint.configure'], dataScope: 'region' });
    const countyConfig = await staff('county_complaint_config', '320826');
    for (const c of [county, countyConfig]) {
      expect((await c.patch('/api/complaint-topics/metrology', { name: '计量问题' })).statusCode).toBe(403);
      expect((await c.post('/api/complaint-categories', { key: 'gas_meter', topic: 'metrology', name: '燃气表计量', nameEn: 'Gas meter' })).statusCode).toBe(403);
      expect((await c.patch('/api/complaint-categories/measuring_short', { urgent: true })).statusCode).toBe(403);
    }
    expect((await county.get('/api/complaint-topics/metrology')).json()).toMatchObject({ name: '计量', version: 1 });
  });

  it('a section head renames a topic and points it at another section with If-Match; audited', async () => {
    const head = await staff('section_head');
    const admin = await env.loginAdmin();
    const before = (await head.get('/api/complaint-topics/product_quality')).json();
    const section = await sectionNamed('稽查支队');
    expect((await head.patch('/api/complaint-topics/product_quality', { name: '产品质量问题' }, { 'if-match': `"${before.version + 5}"` })).statusCode).toBe(412);
    expect((await head.patch('/api/complaint-topics/product_quality', { sectionId: (await env.orgIn('320826')).id })).json().error).toMatchObject({ code: 'SECTION_INVALID' });
    expect((await head.patch('/api/complaint-topics/product_quality', { name: '产品质量问题', extra: 1 })).statusCode).toBe(400);
    const res = await head.patch('/api/complaint-topics/product_quality', { name: '产品质量问题', sectionId: section.id }, { 'if-match': `"${before.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '产品质量问题', sectionId: section.id, sectionName: '稽查支队', version: before.version + 1 });
    expect(res.headers.etag).toBe(`"${before.version + 1}"`);
    const audit = (await admin.get('/api/audit?action=complaint_topic.updated')).json();
    expect(audit.items[0]).toMatchObject({ targetId: 'product_quality' });
    expect((await head.patch('/api/complaint-topics/nope', { name: 'x' })).statusCode).toBe(404);
  });

  it('a section head adds a category and deactivates it with If-Match; the public form lists active ones only', async () => {
    const head = await staff('section_head');
    const created = await head.post('/api/complaint-categories', { key: 'gas_meter', topic: 'metrology', name: '燃气表计量问题', nameEn: 'Gas meter', urgent: false });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ key: 'gas_meter', topic: 'metrology', active: true, version: 1, sort: 3 });
    expect((await head.post('/api/complaint-categories', { key: 'gas_meter', topic: 'metrology', name: '重复', nameEn: 'Dup' })).statusCode).toBe(409);
    expect((await head.post('/api/complaint-categories', { key: 'x_other', topic: 'nope', name: '未知专业', nameEn: 'Unknown' })).json().error).toMatchObject({ details: { field: 'topic' } });
    expect((await head.post('/api/complaint-categories', { key: 'Bad-Key', topic: 'metrology', name: '坏代码', nameEn: 'Bad' })).statusCode).toBe(400);

    const pub = async () => (await env.app.inject({ method: 'GET', url: '/api/public/complaint-categories' })).json();
    const listed = await pub();
    expect(listed.items.map((t: { key: string }) => t.key)).toContain('metrology');
    const metrology = listed.items.find((t: { key: string }) => t.key === 'metrology');
    expect(metrology.categories.map((c: { key: string }) => c.key)).toContain('gas_meter');
    expect(Object.keys(metrology).sort()).toEqual(['categories', 'key', 'name', 'nameEn']);
    expect(Object.keys(metrology.categories[0]).sort()).toEqual(['key', 'name', 'nameEn', 'urgent']);
    // The form's places come from the jurisdiction's data: the regions of the county bureaus.
    expect(listed.regions).toContainEqual({ code: '320826', name: '涟水县' });
    expect(listed.regions.map((r: { code: string }) => r.code)).not.toContain('320800');

    expect((await head.patch('/api/complaint-categories/gas_meter', { active: false }, { 'if-match': '"9"' })).statusCode).toBe(412);
    const off = await head.patch('/api/complaint-categories/gas_meter', { active: false, urgent: true }, { 'if-match': '"1"' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, urgent: true, version: 2 });
    expect((await pub()).items.find((t: { key: string }) => t.key === 'metrology').categories.map((c: { key: string }) => c.key)).not.toContain('gas_meter');
  });
});
