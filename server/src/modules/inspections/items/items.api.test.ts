import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { useTestEnv } from '../../../test/app.js';

const env = useTestEnv();

let sectionId = '';
beforeAll(async () => {
  const [section] = await env.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.type, 'city_section')).limit(1);
  sectionId = section!.id;
});

let seq = 0;
const itemBody = (extra: Record<string, unknown> = {}) => ({
  name: `特种设备使用单位检查${++seq}`,
  sectionId,
  legalBasis: '《中华人民共和国特种设备安全法》第五十七条',
  targetKind: 'equipment',
  checklist: [{ key: 'registered', text: '是否办理使用登记', answerType: 'yes_no', finding: { text: '未办理使用登记', severity: 'critical' } }],
  resultCategories: ['未发现问题', '发现问题'],
  ...extra,
});

describe('inspection items API', () => {
  it('creates (201), lists, reads and changes an item', async () => {
    const c = await env.loginAdmin();
    const created = await c.post('/api/inspection-items', itemBody());
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ id: expect.any(String), sectionName: expect.any(String), active: true, specialty: null, checklist: [{ key: 'registered', required: true }] });

    const listed = (await c.get(`/api/inspection-items?q=${encodeURIComponent(item.name)}&targetKind=equipment`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: item.id }] });
    expect((await c.get(`/api/inspection-items/${item.id}`)).json().name).toBe(item.name);

    const changed = await c.patch(`/api/inspection-items/${item.id}`, { specialty: '特种设备', active: false });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ specialty: '特种设备', active: false, name: item.name });
    expect((await c.patch(`/api/inspection-items/${item.id}`, { specialty: null })).json().specialty).toBeNull();
    expect((await c.patch('/api/inspection-items/00000000-0000-4000-8000-000000000000', { active: true })).statusCode).toBe(404);
  });

  it('answers 400 with the code and field for bad fields, 409 for a duplicate name, and writes nothing', async () => {
    const c = await env.loginAdmin();
    const total = async () => (await c.get('/api/inspection-items?pageSize=500')).json().total as number;
    const first = (await c.post('/api/inspection-items', itemBody())).json();
    const before = await total();
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ checklist: [] }, 400, 'CHECKLIST_SIZE', 'checklist'],
      [{ checklist: [{ key: '1st', text: '问题', answerType: 'yes_no' }] }, 400, 'QUESTION_KEY_INVALID', 'checklist.0.key'],
      [{ checklist: [{ key: 'photo', text: '现场照片', answerType: 'photo', finding: { text: 'x', severity: 'minor' } }] }, 400, 'FINDING_NOT_ALLOWED', 'checklist.0.finding'],
      [{ resultCategories: ['合格', '合格'] }, 400, 'RESULT_CATEGORIES_INVALID', 'resultCategories.1'],
      [{ sectionId: (await env.orgIn('320826')).id }, 400, 'SECTION_INVALID', 'sectionId'],
      [{ targetKind: 'shop' }, 400, 'VALIDATION'],
      [{ checklist: [{ key: 'a', text: 'b', answerType: 'yes_no', finding: { text: 'c', severity: 'fatal' } }] }, 400, 'VALIDATION'],
      [{ extra: 1 }, 400, 'VALIDATION'],
      [{ name: first.name }, 409, 'DUPLICATE', 'name'],
    ];
    for (const [extra, status, code, field] of cases) {
      const res = await c.post('/api/inspection-items', itemBody(extra));
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code, JSON.stringify(extra)).toBe(code);
      if (field) expect(res.json().error.details.field).toBe(field);
    }
    expect(await total()).toBe(before);
  });

  it('lets a section head maintain items, officers and inspectors only read them', async () => {
    const head = await env.login((await env.makeUser({ roles: ['section_head'] })).username);
    const created = await head.post('/api/inspection-items', itemBody());
    expect(created.statusCode).toBe(201);
    for (const role of ['county_officer', 'inspector']) {
      const c = await env.login((await env.makeUser({ roles: [role], regionCode: '320826' })).username);
      expect((await c.get(`/api/inspection-items/${created.json().id}`)).statusCode, role).toBe(200);
      expect((await c.post('/api/inspection-items', itemBody())).statusCode, role).toBe(403);
      expect((await c.patch(`/api/inspection-items/${created.json().id}`, { active: false })).statusCode, role).toBe(403);
    }
    const nobody = await env.login((await env.makeUser({ roles: ['institution'], regionCode: '320826' })).username);
    expect((await nobody.get('/api/inspection-items')).statusCode).toBe(403);
  });
});
