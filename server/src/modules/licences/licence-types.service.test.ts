import { describe, expect, it } from 'vitest';
import { useServiceEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';

const env = useServiceEnv();

let seq = 0;
const uniqueKey = () => `test_type_${Date.now().toString(36)}_${++seq}`;
const newType = (extra: Record<string, unknown> = {}) => ({ key: uniqueKey(), name: `测试证照${Date.now()}-${++seq}`, legalBasis: '《测试条例》第一条', validityYears: 3, ...extra });
const listTypes = () => env.services.licenceTypes.list();
const audited = (key: string, action: string) => env.services.audit.list(env.db, env.admin, { action, target: key }, { page: 1, pageSize: 5 });

async function sectionNamed(name: string) {
  const { items } = await env.services.jurisdiction.listOrgs(env.admin, { type: 'city_section' }, { page: 1, pageSize: 50 });
  return items.find((o) => o.name === name)!;
}

describe('licence types', () => {
  it('are preloaded with their owning section, legal basis and validity; the abolished one is historic', async () => {
    const { items } = await listTypes();
    const keys = items.map((t) => t.key);
    for (const key of ['industrial_product', 'se_production_design', 'se_production_manufacture', 'se_production_installation', 'se_production_filling', 'se_use_registration', 'metrology_pattern_approval', 'metrology_standard', 'metrology_authorization', 'cma', 'metrology_manufacture_historic']) {
      expect(keys).toContain(key);
    }
    expect(items.find((t) => t.key === 'se_use_registration')).toMatchObject({ sectionName: '特种设备安全监察科', validityYears: null, historic: false });
    expect(items.find((t) => t.key === 'metrology_manufacture_historic')).toMatchObject({ sectionName: '计量科', historic: true });
  });

  it('adds a type at the end of the list with its section, audited, and licences of it can be issued', async () => {
    const section = await sectionNamed('计量科');
    const input = newType({ sectionId: section.id, validityYears: 2 });
    const created = await env.services.licenceTypes.create(env.ctx, input);
    expect(created).toMatchObject({ key: input.key, name: input.name, sectionName: '计量科', validityYears: 2, historic: false });
    expect((await listTypes()).items.at(-1)?.key).toBe(input.key);
    expect((await audited(input.key, 'licence_type.created')).total).toBe(1);

    const enterprise = await makeEnterprise(env);
    const licence = await env.services.licences.create(env.ctx, { uscc: enterprise.uscc, type: input.key, number: `T-${seq}`, issuedOn: '2024-03-01', issuer: '淮安市市场监督管理局' });
    expect(licence).toMatchObject({ typeName: input.name, expiresOn: '2026-02-28' });
  });

  it('rejects a bad key, a key or name already used, an empty name, a section that is not a city section and a validity outside 1–30, writing nothing', async () => {
    const existing = await env.services.licenceTypes.create(env.ctx, newType());
    const county = await env.orgIn('320826');
    const before = (await listTypes()).total;
    const attempts: [Record<string, unknown>, string, string][] = [
      [{ key: 'Bad-Key' }, 'VALIDATION', 'key'],
      [{ key: '9lives' }, 'VALIDATION', 'key'],
      [{ key: 'a' }, 'VALIDATION', 'key'],
      [{ key: existing.key }, 'DUPLICATE', 'key'],
      [{ key: 'industrial_product' }, 'DUPLICATE', 'key'],
      [{ name: ` ${existing.name} ` }, 'DUPLICATE', 'name'],
      [{ name: '   ' }, 'VALIDATION', 'name'],
      [{ legalBasis: '' }, 'VALIDATION', 'legalBasis'],
      [{ sectionId: county.id }, 'SECTION_INVALID', 'sectionId'],
      [{ sectionId: '00000000-0000-4000-8000-000000000000' }, 'SECTION_INVALID', 'sectionId'],
      [{ validityYears: 0 }, 'VALIDATION', 'validityYears'],
      [{ validityYears: 31 }, 'VALIDATION', 'validityYears'],
    ];
    for (const [extra, code, field] of attempts) {
      await expect(env.services.licenceTypes.create(env.ctx, newType(extra)), JSON.stringify(extra)).rejects.toMatchObject({ code, details: { field } });
    }
    expect((await listTypes()).total).toBe(before);
  });

  it('edits a type; a new default validity applies to licences issued afterwards only', async () => {
    const type = await env.services.licenceTypes.create(env.ctx, newType({ validityYears: 3 }));
    const enterprise = await makeEnterprise(env);
    const issue = (number: string) => env.services.licences.create(env.ctx, { uscc: enterprise.uscc, type: type.key, number, issuedOn: '2024-03-01', issuer: '淮安市市场监督管理局' });
    const earlier = await issue(`E-${seq}`);
    expect(earlier.expiresOn).toBe('2027-02-28');

    const section = await sectionNamed('特种设备安全监察科');
    const changed = await env.services.licenceTypes.update(env.ctx, type.key, { name: type.name, validityYears: null, sectionId: section.id, sort: 500 });
    expect(changed).toMatchObject({ name: type.name, validityYears: null, sectionName: '特种设备安全监察科', sort: 500 });
    expect((await env.services.licences.get(env.admin, earlier.id)).expiresOn).toBe('2027-02-28');
    expect((await issue(`L-${seq}`)).expiresOn).toBeNull();
    const audit = await audited(type.key, 'licence_type.updated');
    expect(audit.items[0]).toMatchObject({ before: expect.objectContaining({ validityYears: 3 }), after: expect.objectContaining({ validityYears: null }) });

    // Marked historic, it takes no new licences; the earlier one stays readable.
    await env.services.licenceTypes.update(env.ctx, type.key, { historic: true });
    await expect(issue(`H-${seq}`)).rejects.toMatchObject({ code: 'LICENCE_TYPE_HISTORIC' });
    expect((await env.services.licences.get(env.admin, earlier.id)).typeName).toBe(type.name);
  });

  it('rejects edits to an unknown type, to another type’s name or to a bad section, changing nothing', async () => {
    const a = await env.services.licenceTypes.create(env.ctx, newType());
    const b = await env.services.licenceTypes.create(env.ctx, newType());
    await expect(env.services.licenceTypes.update(env.ctx, 'no_such_type', { name: '无' })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(env.services.licenceTypes.update(env.ctx, b.key, { name: a.name, validityYears: 9 })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
    await expect(env.services.licenceTypes.update(env.ctx, b.key, { sectionId: (await env.orgIn('320800')).id })).rejects.toMatchObject({ code: 'SECTION_INVALID' });
    await expect(env.services.licenceTypes.update(env.ctx, b.key, { sectionId: null, sort: -1 })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await listTypes()).items.find((t) => t.key === b.key)).toEqual(b);
  });

  it('keeps an administrator’s changes to a preloaded type when the preloaded list is applied again (restart)', async () => {
    await env.services.licenceTypes.update(env.ctx, 'metrology_standard', { validityYears: 4 });
    await env.services.licenceTypes.ensureTypes(env.db);
    expect((await listTypes()).items.find((t) => t.key === 'metrology_standard')?.validityYears).toBe(4);
  });
});
