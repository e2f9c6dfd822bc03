import { and, asc, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { randomUscc } from '../../enterprises/testing.js';
import { inspectorProfiles } from '../inspections.schema.js';
import { type InspectorInput, poolFor } from './inspectors.service.js';

const env = useTestEnv();

let seq = 0;
const certificate = () => `苏执 ${Date.now().toString(36)}-${++seq}`;
const profileInput = (input: Partial<InspectorInput> = {}): InspectorInput => ({ certificateNo: certificate(), specialties: ['计量'], ...input });
const putInspector = (userId: string, input: Partial<InspectorInput> = {}, ctx = env.ctx) => env.services.inspectors.put(ctx, userId, profileInput(input));

async function actorOf(roles: string[], regionCode?: string) {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))!;
}

const profileCount = async () => (await env.db.select({ id: inspectorProfiles.userId }).from(inspectorProfiles)).length;
const auditOf = (id: string) => env.db.select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.targetId, id), like(auditEvents.action, 'inspector.%'))).orderBy(asc(auditEvents.id));

describe('the inspector pool', () => {
  it('adds a user with the region of the user, normalized conflicts and sorted periods; a second put updates; both audited', async () => {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const uscc = randomUscc('320826');
    const { inspector, created } = await putInspector(user.id, {
      specialties: [' 计量 ', '特种设备', '计量'],
      activePeriods: [
        { from: '2026-07-01', to: null },
        { from: '2026-01-01', to: '2026-03-31' },
      ],
      conflicts: [` ${uscc.toLowerCase()} `, uscc],
    });
    expect(created).toBe(true);
    expect(inspector).toMatchObject({
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      orgName: expect.any(String),
      userActive: true,
      regionCode: '320826',
      specialties: ['计量', '特种设备'],
      activePeriods: [
        { from: '2026-01-01', to: '2026-03-31' },
        { from: '2026-07-01', to: null },
      ],
      conflicts: [uscc],
    });

    const again = await putInspector(user.id, { certificateNo: inspector.certificateNo, specialties: [], conflicts: [] });
    expect(again.created).toBe(false);
    expect(again.inspector).toMatchObject({ certificateNo: inspector.certificateNo, specialties: [], conflicts: [], activePeriods: [] });
    const events = await auditOf(user.id);
    expect(events.map((e) => e.action)).toEqual(['inspector.added', 'inspector.updated']);
    expect(events.at(-1)).toMatchObject({ action: 'inspector.updated', before: { specialties: ['计量', '特种设备'] }, after: { specialties: [] } });
  });

  it('rejects bad fields with a code and the field, writing nothing', async () => {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const good = randomUscc('320826');
    const before = await profileCount();
    const cases: [Partial<InspectorInput>, string, string][] = [
      [{ certificateNo: ' ' }, 'VALIDATION', 'certificateNo'],
      [{ specialties: ['计量', ''] }, 'VALIDATION', 'specialties.1'],
      [{ activePeriods: [{ from: '2026-02-30', to: null }] }, 'INVALID_DATE', 'activePeriods.0.from'],
      [{ activePeriods: [{ from: '2026-01-01', to: '2026/12/31' }] }, 'INVALID_DATE', 'activePeriods.0.to'],
      [{ activePeriods: [{ from: '2026-01-01', to: '2026-12-31' }, { from: '2026-05-01', to: '2026-04-30' }] }, 'PERIOD_INVALID', 'activePeriods.1.to'],
      [{ conflicts: [good, '91320826ABC'] }, 'USCC_FORMAT', 'conflicts.1'],
      [{ conflicts: [good.slice(0, 17) + (good[17] === '0' ? '1' : '0')] }, 'USCC_CHECK_DIGIT', 'conflicts.0'],
    ];
    for (const [input, code, field] of cases) {
      await expect(putInspector(user.id, input), code).rejects.toMatchObject({ code, status: 400, details: { field } });
    }
    expect(await profileCount()).toBe(before);
    expect(await auditOf(user.id)).toEqual([]);
  });

  it('keeps certificate numbers unique (409), and needs an existing, active user in scope (404)', async () => {
    const a = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const b = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const { inspector } = await putInspector(a.id);
    await expect(putInspector(b.id, { certificateNo: inspector.certificateNo })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409, details: { field: 'certificateNo' } });
    await expect(putInspector('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });

    await env.services.users.update(env.ctx, b.id, { active: false });
    await expect(putInspector(b.id)).rejects.toMatchObject({ status: 404 });

    const foreign = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    const county = await actorOf(['county_officer'], '320826');
    await expect(putInspector(foreign.id, {}, { actor: county })).rejects.toMatchObject({ status: 404 });
    expect((await putInspector(a.id, { certificateNo: inspector.certificateNo }, { actor: county })).created).toBe(false);
  });

  it('lists the pool in the actor’s scope and removes an inspector (audited)', async () => {
    const mine = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const theirs = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    await putInspector(mine.id, { specialties: ['电梯'] });
    await putInspector(theirs.id, { specialties: ['电梯'] });
    const county = await actorOf(['county_officer'], '320826');

    const countyList = await env.services.inspectors.list(county, {}, { page: 1, pageSize: 500 });
    expect(countyList.items.length).toBe(countyList.total);
    expect(countyList.items.every((i) => i.regionCode === '320826')).toBe(true);
    expect(countyList.items.map((i) => i.userId)).toContain(mine.id);
    const all = await env.services.inspectors.list(env.admin, { specialty: '电梯' }, { page: 1, pageSize: 500 });
    expect(all.items.map((i) => i.userId)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await env.services.inspectors.list(env.admin, { q: mine.username }, { page: 1, pageSize: 20 })).items.map((i) => i.userId)).toEqual([mine.id]);

    await expect(env.services.inspectors.remove({ actor: county }, theirs.id)).rejects.toMatchObject({ status: 404 });
    await env.services.inspectors.remove({ actor: county }, mine.id);
    await expect(env.services.inspectors.get(env.admin, mine.id)).rejects.toMatchObject({ status: 404 });
    expect((await auditOf(mine.id)).at(-1)).toMatchObject({ action: 'inspector.removed', before: { userId: mine.id } });
    expect((await env.services.inspectors.get(env.admin, theirs.id)).userId).toBe(theirs.id);
  });

  it('gives the draw the pool of a region: inspectors above or within it, a disabled account marked so (the draw excludes it as inactive)', async () => {
    const city = await env.makeUser({ roles: ['inspector'], regionCode: '320800' });
    const lianshui = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const xuyi = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    const gone = await env.makeUser({ roles: ['inspector'], regionCode: '320826' });
    const uscc = randomUscc('320826');
    for (const u of [city, lianshui, xuyi, gone]) await putInspector(u.id, { conflicts: u === lianshui ? [uscc] : [] });
    await env.services.users.update(env.ctx, gone.id, { active: false });

    const inLianshui = await poolFor(env.db, '320826');
    const ids = inLianshui.map((i) => i.userId);
    expect(ids).toEqual(expect.arrayContaining([city.id, lianshui.id]));
    expect(ids).not.toContain(xuyi.id);
    expect(inLianshui.find((i) => i.userId === gone.id)).toMatchObject({ accountActive: false });
    expect(ids).toEqual([...ids].sort());
    expect(inLianshui.find((i) => i.userId === lianshui.id)).toMatchObject({ regionCode: '320826', specialties: ['计量'], activePeriods: [], conflicts: [uscc], accountActive: true });

    const cityWide = (await poolFor(env.db, '320800')).map((i) => i.userId);
    expect(cityWide).toEqual(expect.arrayContaining([city.id, lianshui.id, xuyi.id]));
    const town = (await poolFor(env.db, '320826100')).map((i) => i.userId);
    expect(town).toEqual(expect.arrayContaining([city.id, lianshui.id]));
    expect(town).not.toContain(xuyi.id);
  });
});
