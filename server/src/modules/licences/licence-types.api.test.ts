import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';

const env = useTestEnv();

let seq = 0;
const body = (extra: Record<string, unknown> = {}) => ({ key: `api_type_${Date.now().toString(36)}_${++seq}`, name: `接口测试证照${Date.now()}-${seq}`, legalBasis: '《测试办法》', validityYears: 5, ...extra });

describe('licence types API', () => {
  it('adds a type (201) and edits it (200); a duplicate key answers 409 and a non-section 400', async () => {
    const admin = await env.loginAdmin();
    const sections = (await admin.get('/api/orgs?type=city_section&pageSize=50')).json().items as { id: string; name: string }[];
    const section = sections.find((s) => s.name === '计量科')!;
    const input = body({ sectionId: section.id, validityYears: null });
    const created = await admin.post('/api/licence-types', input);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: input.key, sectionName: '计量科', validityYears: null, historic: false });
    expect((await admin.get('/api/licence-types')).json().items.map((t: { key: string }) => t.key)).toContain(input.key);

    const edited = await admin.patch(`/api/licence-types/${input.key}`, { name: `${input.name}（修订）`, validityYears: 6, historic: true, sort: 99 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: `${input.name}（修订）`, validityYears: 6, historic: true, sort: 99 });

    const duplicate = await admin.post('/api/licence-types', { ...body(), key: input.key });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('DUPLICATE');
    const county = await env.orgIn('320826');
    expect((await admin.post('/api/licence-types', body({ sectionId: county.id }))).json().error.code).toBe('SECTION_INVALID');
    expect((await admin.patch(`/api/licence-types/${input.key}`, { sectionId: county.id })).statusCode).toBe(400);
    expect((await admin.patch('/api/licence-types/no_such_type', { name: '无' })).statusCode).toBe(404);
  });

  it('validates the body: key pattern, validity 1–30, unknown properties', async () => {
    const admin = await env.loginAdmin();
    for (const bad of [body({ key: 'Upper' }), body({ validityYears: 0 }), body({ validityYears: 31 }), body({ colour: 'red' }), { key: 'no_name_given', legalBasis: 'x', validityYears: 1 }]) {
      const res = await admin.post('/api/licence-types', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
  });

  it('is open to licence.configure only: an officer may read the types but not change them', async () => {
    const officer = await env.login((await env.makeUser({ roles: ['city_officer'] })).username);
    expect((await officer.get('/api/licence-types')).statusCode).toBe(200);
    expect((await officer.post('/api/licence-types', body())).statusCode).toBe(403);
    expect((await officer.patch('/api/licence-types/cma', { validityYears: 3 })).statusCode).toBe(403);
    const head = await env.login((await env.makeUser({ roles: ['section_head'] })).username);
    expect((await head.post('/api/licence-types', body())).statusCode).toBe(201);
  });
});
