import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { randomUscc } from '../../enterprises/testing.js';

const env = useTestEnv();

let seq = 0;
const body = (extra: Record<string, unknown> = {}) => ({ certificateNo: `苏执API-${Date.now().toString(36)}-${++seq}`, specialties: ['计量'], ...extra });

beforeAll(async () => {
  // A county-scoped role that maintains the pool, to check data scope on writes.
  await env.services.roles.create(env.ctx, { key: 'county_pool_keeper', name: '县区局名录库维护', permissions: ['inspection.read', 'inspection.configure'], dataScope: 'region' });
});

describe('inspector pool API', () => {
  it('adds (201), updates (200), lists, reads and removes (204) an inspector', async () => {
    const c = await env.loginAdmin();
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const uscc = randomUscc('320826');
    const added = await c.put(`/api/inspectors/${user.id}`, body({ activePeriods: [{ from: '2026-01-01' }], conflicts: [uscc.toLowerCase()] }));
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ userId: user.id, username: user.username, displayName: user.displayName, orgName: expect.any(String), regionCode: '320826', activePeriods: [{ from: '2026-01-01', to: null }], conflicts: [uscc] });

    const updated = await c.put(`/api/inspectors/${user.id}`, body({ certificateNo: added.json().certificateNo, specialties: ['电梯', '计量'] }));
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ specialties: ['电梯', '计量'], conflicts: [] });

    expect((await c.get(`/api/inspectors?q=${encodeURIComponent(added.json().certificateNo)}`)).json()).toMatchObject({ total: 1, items: [{ userId: user.id }] });
    expect((await c.get(`/api/inspectors/${user.id}`)).statusCode).toBe(200);
    expect((await c.delete(`/api/inspectors/${user.id}`)).statusCode).toBe(204);
    expect((await c.get(`/api/inspectors/${user.id}`)).statusCode).toBe(404);
    expect((await c.delete(`/api/inspectors/${user.id}`)).statusCode).toBe(404);
  });

  it('answers 400 with the code and field, 409 for a taken certificate number, 404 for an unknown user, and writes nothing', async () => {
    const c = await env.loginAdmin();
    const taken = (await c.put(`/api/inspectors/${(await env.makeUser({ roles: ['inspector'] })).id}`, body())).json();
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ conflicts: ['9132082６MA1XXXXXXX'] }, 400, 'USCC_FORMAT', 'conflicts.0'],
      [{ activePeriods: [{ from: '2026-06-01', to: '2026-05-31' }] }, 400, 'PERIOD_INVALID', 'activePeriods.0.to'],
      [{ activePeriods: [{ from: 'tomorrow', to: null }] }, 400, 'INVALID_DATE', 'activePeriods.0.from'],
      [{ certificateNo: '  ' }, 400, 'VALIDATION', 'certificateNo'],
      [{ extra: 1 }, 400, 'VALIDATION'],
      [{ certificateNo: taken.certificateNo }, 409, 'DUPLICATE', 'certificateNo'],
    ];
    for (const [extra, status, code, field] of cases) {
      const res = await c.put(`/api/inspectors/${user.id}`, body(extra));
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (field) expect(res.json().error.details.field).toBe(field);
    }
    expect((await c.get(`/api/inspectors/${user.id}`)).statusCode).toBe(404);
    expect((await c.put('/api/inspectors/00000000-0000-4000-8000-000000000000', body())).statusCode).toBe(404);
  });

  it('keeps a county user to its county’s inspectors and lets officers and inspectors only read', async () => {
    const admin = await env.loginAdmin();
    const mine = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const foreign = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    const unlisted = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    expect((await admin.put(`/api/inspectors/${mine.id}`, body())).statusCode).toBe(201);
    const foreignCert = (await admin.put(`/api/inspectors/${foreign.id}`, body())).json().certificateNo;

    const keeper = await env.login((await env.makeUser({ roles: ['county_pool_keeper'], regionCode: '320826' })).username);
    const items = (await keeper.get('/api/inspectors?pageSize=500')).json().items as { userId: string; regionCode: string }[];
    expect(items.map((i) => i.userId)).toContain(mine.id);
    expect(items.every((i) => i.regionCode === '320826')).toBe(true);
    expect((await keeper.get(`/api/inspectors/${foreign.id}`)).statusCode).toBe(404);
    expect((await keeper.put(`/api/inspectors/${foreign.id}`, body({ certificateNo: foreignCert }))).statusCode).toBe(404);
    expect((await keeper.put(`/api/inspectors/${unlisted.id}`, body())).statusCode).toBe(404);
    expect((await keeper.delete(`/api/inspectors/${foreign.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/inspectors/${foreign.id}`)).json().specialties).toEqual(['计量']);
    expect((await admin.get(`/api/inspectors/${unlisted.id}`)).statusCode).toBe(404);
    expect((await keeper.put(`/api/inspectors/${mine.id}`, body({ specialties: [] }))).statusCode).toBe(200);

    for (const role of ['county_officer', 'inspector']) {
      const c = await env.login((await env.makeUser({ roles: [role], regionCode: '320826' })).username);
      expect((await c.get(`/api/inspectors/${mine.id}`)).statusCode, role).toBe(200);
      expect((await c.get(`/api/inspectors/${foreign.id}`)).statusCode, role).toBe(404);
      expect((await c.put(`/api/inspectors/${mine.id}`, body())).statusCode, role).toBe(403);
      expect((await c.delete(`/api/inspectors/${mine.id}`)).statusCode, role).toBe(403);
    }
  });
});
