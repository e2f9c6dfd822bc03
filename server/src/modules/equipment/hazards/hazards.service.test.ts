import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { parseIfMatch } from '../../../platform/http/etag.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeUnit } from '../testing.js';
import { equipmentHazards } from './hazards.schema.js';
import { selfCorrectionByCounty, selfCorrectionRate } from './self-correction.js';

const env = useServiceEnv();
const hazards = () => env.services.equipment.hazards;
const today = todayInChina();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

let seq = 0;
/** An enterprise account's actor for the user unit `uscc`. */
async function enterpriseActor(uscc: string): Promise<Actor> {
  const { user } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.hz.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  return (await env.services.users.loadActor(user.userId))! as Actor;
}
async function officerIn(regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles: ['county_officer'], regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}
const base = { source: 'supervision' as const, foundOn: addDays(today, -10), description: '限速器校验过期', level: 'general' as const, correctionDueOn: addDays(today, 20) };

describe('recording a hazard', () => {
  it('takes the user unit and region from the unit, audits, and shows it open', async () => {
    const unit = await makeUnit(env, { regionCode: '320812' });
    const h = await inTransaction(env.db, (tx) => hazards().recordHazard(tx, env.ctx, { ...base, equipmentId: unit.id }));
    expect(h).toMatchObject({ equipmentId: unit.id, equipmentCode: unit.equipmentCode, userUscc: unit.userUscc, regionCode: '320812', status: 'open', overdue: false, correctedOnTime: null, version: 1 });
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'equipment_hazard.recorded', target: h.id }, { page: 1, pageSize: 5 });
    expect(items).toHaveLength(1);
  });

  it('on a user unit as a whole takes the enterprise region', async () => {
    const e = await makeEnterprise(env, { regionCode: '320803' });
    const h = await hazards().create(env.ctx, { ...base, userUscc: e.uscc });
    expect(h).toMatchObject({ equipmentId: null, userUscc: e.uscc, regionCode: '320803' });
  });

  it('refuses a day found in the future and a deadline before the day found', async () => {
    const unit = await makeUnit(env);
    await expect(hazards().create(env.ctx, { ...base, equipmentId: unit.id, foundOn: addDays(today, 1), correctionDueOn: addDays(today, 5) })).rejects.toMatchObject({ code: 'INVALID_DATE', status: 400 });
    await expect(hazards().create(env.ctx, { ...base, equipmentId: unit.id, correctionDueOn: addDays(base.foundOn, -1) })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(hazards().create(env.ctx, { ...base })).rejects.toMatchObject({ status: 400 });
  });

  it('is overdue when open and today is after its deadline, not on the deadline day', async () => {
    const unit = await makeUnit(env);
    const due = await hazards().create(env.ctx, { ...base, equipmentId: unit.id, foundOn: addDays(today, -30), correctionDueOn: today });
    const past = await hazards().create(env.ctx, { ...base, equipmentId: unit.id, foundOn: addDays(today, -30), correctionDueOn: addDays(today, -1) });
    expect(due.overdue).toBe(false);
    expect(past.overdue).toBe(true);
    const overdue = await hazards().list(env.admin, { userUscc: unit.userUscc, overdue: true }, { page: 1, pageSize: 10 });
    expect(overdue.items.map((h) => h.id)).toEqual([past.id]);
  });
});

describe('correcting a hazard', () => {
  it('records the day and note; refuses the future, a day before it was found, a second correction and a stale version', async () => {
    const unit = await makeUnit(env);
    const h = await hazards().create(env.ctx, { ...base, equipmentId: unit.id });
    await expect(hazards().correct(env.ctx, h.id, { correctedOn: addDays(today, 1) })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(hazards().correct(env.ctx, h.id, { correctedOn: addDays(base.foundOn, -1) })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(hazards().correct(env.ctx, h.id, { correctedOn: today }, parseIfMatch('"7"'))).rejects.toMatchObject({ status: 412 });
    const done = await hazards().correct(env.ctx, h.id, { correctedOn: base.foundOn, note: '已更换限速器' }, parseIfMatch('"1"'));
    expect(done).toMatchObject({ status: 'closed', correctedOn: base.foundOn, correctionNote: '已更换限速器', correctedByKind: 'staff', correctedOnTime: true, version: 2 });
    await expect(hazards().correct(env.ctx, h.id, { correctedOn: today })).rejects.toMatchObject({ code: 'ALREADY_CORRECTED', status: 409 });
    await expect(hazards().update(env.ctx, h.id, { level: 'major' })).rejects.toMatchObject({ code: 'HAZARD_CLOSED' });
  });

  it('takes evidence files checked by their bytes, at most 10, and none once closed', async () => {
    const unit = await makeUnit(env);
    const h = await hazards().create(env.ctx, { ...base, equipmentId: unit.id });
    await expect(hazards().addFile(env.ctx, h.id, { fileName: 'fake.png', content: Buffer.from('not a png') })).rejects.toMatchObject({ code: 'ATTACHMENT_CONTENT' });
    await expect(hazards().addFile(env.ctx, h.id, { fileName: 'x.exe', content: PNG })).rejects.toMatchObject({ code: 'ATTACHMENT_TYPE' });
    for (let i = 0; i < 10; i++) await hazards().addFile(env.ctx, h.id, { fileName: `现场${i}.png`, content: PNG });
    await expect(hazards().addFile(env.ctx, h.id, { fileName: 'eleven.png', content: PNG })).rejects.toMatchObject({ code: 'TOO_MANY_FILES' });
    const detail = await hazards().get(env.admin, h.id);
    expect(detail.files).toHaveLength(10);
    expect((await hazards().file(env.admin, h.id, detail.files[0]!.id)).content.equals(PNG)).toBe(true);
    await hazards().correct(env.ctx, h.id, { correctedOn: today });
    await expect(hazards().addFile(env.ctx, h.id, { fileName: 'late.png', content: PNG })).rejects.toMatchObject({ code: 'HAZARD_CLOSED' });
  });
});

describe('data scope', () => {
  it('a county officer sees and corrects hazards of its county only (another county: 404)', async () => {
    const mine = await makeUnit(env, { regionCode: '320826' });
    const theirs = await makeUnit(env, { regionCode: '320812' });
    const officer = await officerIn('320826');
    const ctx = { actor: officer };
    const h1 = await hazards().create(ctx, { ...base, equipmentId: mine.id });
    await expect(hazards().create(ctx, { ...base, equipmentId: theirs.id })).rejects.toMatchObject({ status: 404 });
    const h2 = await hazards().create(env.ctx, { ...base, equipmentId: theirs.id });
    await expect(hazards().get(officer, h2.id)).rejects.toMatchObject({ status: 404 });
    await expect(hazards().correct(ctx, h2.id, { correctedOn: today })).rejects.toMatchObject({ status: 404 });
    expect((await hazards().get(officer, h1.id)).id).toBe(h1.id);
    const list = await hazards().list(officer, {}, { page: 1, pageSize: 500 });
    expect(list.items.every((h) => h.regionCode.startsWith('320826'))).toBe(true);
  });
});

describe('an enterprise account', () => {
  it('reports self-inspection hazards of its own units only, and corrects them with evidence', async () => {
    const unit = await makeUnit(env);
    const other = await makeUnit(env);
    const actor = await enterpriseActor(unit.userUscc);
    const ctx = { actor };
    await expect(hazards().create(ctx, { ...base, equipmentId: unit.id })).rejects.toMatchObject({ status: 403 });
    await expect(hazards().create(ctx, { ...base, source: 'self_inspection', equipmentId: other.id })).rejects.toMatchObject({ status: 404 });
    const h = await hazards().create(ctx, { ...base, source: 'self_inspection', equipmentId: unit.id });
    expect(h.userUscc).toBe(unit.userUscc);
    const theirs = await hazards().create(env.ctx, { ...base, equipmentId: other.id });
    await expect(hazards().get(actor, theirs.id)).rejects.toMatchObject({ status: 404 });
    const supervised = await hazards().create(env.ctx, { ...base, equipmentId: unit.id });
    await hazards().addFile(ctx, supervised.id, { fileName: '整改后.png', content: PNG });
    await expect(hazards().correct(ctx, supervised.id, { correctedOn: today })).rejects.toMatchObject({ status: 403 });
    await expect(hazards().correct(ctx, h.id, { correctedOn: today })).rejects.toMatchObject({ code: 'EVIDENCE_REQUIRED' });
    await hazards().addFile(ctx, h.id, { fileName: '整改后.png', content: PNG });
    const done = await hazards().correct(ctx, h.id, { correctedOn: today, note: '已整改' });
    expect(done).toMatchObject({ status: 'closed', correctedByKind: 'enterprise' });
    const list = await hazards().list(actor, {}, { page: 1, pageSize: 100 });
    expect(list.items.map((i) => i.userUscc)).toEqual([unit.userUscc, unit.userUscc]);
  });

  it('reports a self-inspection with its hazards (the user unit from the account; a day in the future refused)', async () => {
    const unit = await makeUnit(env);
    const other = await makeUnit(env);
    const actor = await enterpriseActor(unit.userUscc);
    const ctx = { actor };
    const input = { inspectedOn: addDays(today, -2), note: '月度自查', hazards: [{ equipmentId: unit.id, description: '安全钳动作异常', level: 'major' as const, correctionDueOn: addDays(today, 5) }, { description: '安全管理制度未更新', level: 'general' as const, correctionDueOn: addDays(today, 10) }] };
    await expect(hazards().selfInspections.create(ctx, { ...input, inspectedOn: addDays(today, 1) })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    await expect(hazards().selfInspections.create(ctx, { ...input, hazards: [{ ...input.hazards[0]!, equipmentId: other.id }] })).rejects.toMatchObject({ status: 404 });
    await expect(hazards().selfInspections.create(ctx, { ...input, userUscc: other.userUscc })).rejects.toMatchObject({ status: 404 });
    const si = await hazards().selfInspections.create(ctx, input);
    expect(si).toMatchObject({ userUscc: unit.userUscc, reportedByKind: 'enterprise', hazardCount: 2, openHazards: 2 });
    expect(si.hazards.map((h) => [h.source, h.foundOn, h.selfInspectionId])).toEqual([
      ['self_inspection', input.inspectedOn, si.id],
      ['self_inspection', input.inspectedOn, si.id],
    ]);
    const staff = await hazards().selfInspections.list(env.admin, { userUscc: unit.userUscc }, { page: 1, pageSize: 10 });
    expect(staff.items.map((s) => s.id)).toEqual([si.id]);
    const another = await enterpriseActor(other.userUscc);
    await expect(hazards().selfInspections.get(another, si.id)).rejects.toMatchObject({ status: 404 });
    expect((await hazards().selfInspections.list(another, {}, { page: 1, pageSize: 10 })).total).toBe(0);
  });
});

describe('the self-correction rate', () => {
  /** Hazards written straight to the table (dates in a past year; the service refuses none of them). */
  async function hazard(uscc: string, regionCode: string, h: { foundOn: string; correctionDueOn: string; correctedOn?: string; source?: 'self_inspection' | 'supervision' }) {
    await env.db.insert(equipmentHazards).values({ userUscc: uscc, regionCode, source: h.source ?? 'self_inspection', foundOn: h.foundOn, description: '隐患', level: 'general', correctionDueOn: h.correctionDueOn, correctedOn: h.correctedOn ?? null, createdByName: 'test' });
  }

  it('counts found, due (deadline passed), corrected on time (on the deadline day too), and the year found', async () => {
    const e = await makeEnterprise(env, { regionCode: '320831' });
    const r = '320831';
    await hazard(e.uscc, r, { foundOn: '2024-03-01', correctionDueOn: '2024-03-31', correctedOn: '2024-03-20' }); // on time
    await hazard(e.uscc, r, { foundOn: '2024-05-01', correctionDueOn: '2024-05-10', correctedOn: '2024-05-10' }); // on the deadline day: on time
    await hazard(e.uscc, r, { foundOn: '2024-06-01', correctionDueOn: '2024-06-10', correctedOn: '2024-06-11' }); // after the deadline
    await hazard(e.uscc, r, { foundOn: '2024-07-01', correctionDueOn: '2024-07-10' }); // never corrected
    await hazard(e.uscc, r, { foundOn: '2024-12-20', correctionDueOn: '2024-12-31', correctedOn: '2024-12-25' }); // due only from 2025-01-01
    await hazard(e.uscc, r, { foundOn: '2024-12-31', correctionDueOn: '2025-01-15' }); // found 2024, due in 2025
    await hazard(e.uscc, r, { foundOn: '2023-12-31', correctionDueOn: '2024-01-10', correctedOn: '2024-01-05' }); // another year
    await hazard(e.uscc, r, { foundOn: '2025-01-01', correctionDueOn: '2025-01-02' }); // another year
    await hazard(e.uscc, r, { foundOn: '2024-03-01', correctionDueOn: '2024-03-05', source: 'supervision' }); // not self-inspection
    const at = (today: string) => selfCorrectionRate(env.db, { userUscc: e.uscc, year: 2024 }, { today });
    expect(await at('2024-12-31')).toEqual({ year: 2024, found: 6, due: 4, correctedOnTime: 2, rate: 0.5, target: 0.9 });
    expect(await at('2025-01-01')).toEqual({ year: 2024, found: 6, due: 5, correctedOnTime: 3, rate: 0.6, target: 0.9 });
    expect(await at('2025-01-16')).toEqual({ year: 2024, found: 6, due: 6, correctedOnTime: 3, rate: 0.5, target: 0.9 });
    expect(await selfCorrectionRate(env.db, { regionCode: r, year: 2023 }, { today: '2025-01-01' })).toMatchObject({ found: 1, due: 1, correctedOnTime: 1, rate: 1 });
    const byCounty = await selfCorrectionByCounty(env.db, { year: 2024, regionCode: r }, { today: '2024-12-31' });
    expect(byCounty.items).toEqual([{ regionCode: r, found: 6, due: 4, correctedOnTime: 2, rate: 0.5, target: 0.9 }]);
  });

  it('is null when nothing is due yet', async () => {
    const e = await makeEnterprise(env, { regionCode: '320831' });
    await hazard(e.uscc, '320831', { foundOn: '2022-06-01', correctionDueOn: '2022-06-30', correctedOn: '2022-06-02' });
    expect(await selfCorrectionRate(env.db, { userUscc: e.uscc, year: 2022 }, { today: '2022-06-30' })).toEqual({ year: 2022, found: 1, due: 0, correctedOnTime: 0, rate: null, target: 0.9 });
    expect(await selfCorrectionRate(env.db, { userUscc: e.uscc, year: 2021 }, { today: '2022-06-30' })).toMatchObject({ found: 0, due: 0, rate: null });
  });

  it('within the actor scope: another county is not counted; an enterprise account counts its own', async () => {
    const a = await makeEnterprise(env, { regionCode: '320804' });
    const b = await makeEnterprise(env, { regionCode: '320813' });
    await hazard(a.uscc, '320804', { foundOn: '2021-03-01', correctionDueOn: '2021-03-10', correctedOn: '2021-03-09' });
    await hazard(b.uscc, '320813', { foundOn: '2021-03-01', correctionDueOn: '2021-03-10' });
    const officer = await officerIn('320804');
    expect(await hazards().selfCorrection.rate(officer, { year: 2021 })).toMatchObject({ found: 1, due: 1, correctedOnTime: 1, rate: 1 });
    expect(await hazards().selfCorrection.rate(officer, { year: 2021, regionCode: '320813' })).toMatchObject({ found: 0, rate: null });
    expect(await hazards().selfCorrection.rate(env.admin, { year: 2021, regionCode: '320800' })).toMatchObject({ found: 2, due: 2, correctedOnTime: 1, rate: 0.5 });
    const ent = await enterpriseActor(b.uscc);
    expect(await hazards().selfCorrection.rate(ent, { year: 2021 })).toMatchObject({ found: 1, due: 1, correctedOnTime: 0, rate: 0 });
  });
});

describe('accidents', () => {
  it('are recorded on a unit in scope (not in the future) and listed latest first', async () => {
    const unit = await makeUnit(env, { regionCode: '320830' });
    await expect(hazards().accidents.create(env.ctx, { equipmentId: unit.id, occurredOn: addDays(today, 1), description: '钢丝绳断裂' })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    const a1 = await hazards().accidents.create(env.ctx, { equipmentId: unit.id, occurredOn: addDays(today, -100), description: '钢丝绳断裂', casualties: 1 });
    const a2 = await hazards().accidents.create(env.ctx, { userUscc: unit.userUscc, occurredOn: addDays(today, -5), description: '困人' });
    expect(a1).toMatchObject({ userUscc: unit.userUscc, regionCode: '320830', casualties: 1 });
    const list = await hazards().accidents.list(env.admin, { userUscc: unit.userUscc }, { page: 1, pageSize: 10 });
    expect(list.items.map((a) => a.id)).toEqual([a2.id, a1.id]);
    const officer = await officerIn('320812');
    await expect(hazards().accidents.get(officer, a1.id)).rejects.toMatchObject({ status: 404 });
  });
});
