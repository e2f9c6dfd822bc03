import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { equipmentEvents, equipmentUnits } from '../registry/registry.schema.js';
import { makeUnit } from '../testing.js';
import { addMonths } from './due-dates.js';
import { makeDueTodos } from './due-todos.js';
import { firstInspectionDue } from './inspections.js';

const env = useServiceEnv();
const today = todayInChina();
const D = addDays(today, -10);
let seq = 0;

const periodic = () => env.services.equipment.periodic;
const pass = (over: Partial<Parameters<ReturnType<typeof periodic>['inspections']['record']>[2]> = {}) => ({ inspectedOn: D, institution: '淮安市特种设备安全监督检验中心', reportNo: `JY-${++seq}`, conclusion: 'pass' as const, ...over });
const unitRow = async (id: string) => (await env.db.select().from(equipmentUnits).where(eq(equipmentUnits.id, id)))[0]!;
const years = (n: number) => addMonths(D, 12 * n);

describe('due rules: the defaults of every category (FACTS.md)', () => {
  // [category, subcategory, safety grade, kind, months after a pass on D (null: no due date)]
  const CASES: [string, string | null, number | null, 'periodic' | 'internal' | 'external', number | null][] = [
    ['3000', '3100', null, 'periodic', 12],
    ['3000', null, null, 'periodic', 12],
    ['1000', '1100', null, 'external', 12],
    ['1000', '1100', null, 'internal', 24],
    ['1000', null, null, 'periodic', 12],
    ['2000', '2100', 1, 'periodic', 72],
    ['2000', '2100', 2, 'periodic', 72],
    ['2000', '2100', 3, 'periodic', 36],
    ['2000', '2100', 4, 'periodic', 36],
    ['2000', '2100', 5, 'periodic', null],
    ['2000', '2100', null, 'periodic', 36],
    ['2000', '2400', 1, 'periodic', 72],
    ['4000', '4100', null, 'periodic', 24],
    ['4000', '4200', null, 'periodic', 24],
    ['4000', '4300', null, 'periodic', 12],
    ['4000', '4400', null, 'periodic', 12],
    ['4000', '4800', null, 'periodic', 12],
    ['5000', '5100', null, 'periodic', 12],
    ['6000', '6100', null, 'periodic', 12],
    ['7000', '7100', null, 'periodic', null],
    ['8000', '8300', null, 'periodic', 36],
    ['9000', '9100', null, 'periodic', 12],
    ['F000', 'F100', null, 'periodic', 12],
    ['F000', 'F200', null, 'periodic', 12],
  ];
  for (const [category, subcategory, safetyGrade, kind, months] of CASES) {
    it(`${category}/${subcategory ?? '-'}${safetyGrade ? ` grade ${safetyGrade}` : ''} ${kind} pass on D → ${months === null ? 'no due date' : `D + ${months} months`}`, async () => {
      const unit = await makeUnit(env, { category, subcategory, safetyGrade, nextInspectionDue: addDays(today, 5) });
      const out = await periodic().inspections.record(env.ctx, unit.id, pass({ kind }));
      expect(out.nextInspectionDue).toBe(months === null ? null : addMonths(D, months));
      expect((await unitRow(unit.id)).nextInspectionDue).toBe(out.nextInspectionDue);
    });
  }

  it('pins the Contract: elevator → D + 1 year; fixed vessel grade 1 or 2 → D + 6 years, grade 3 → D + 3 years', async () => {
    const elevator = await makeUnit(env, { category: '3000' });
    expect((await periodic().inspections.record(env.ctx, elevator.id, pass())).nextInspectionDue).toBe(years(1));
    for (const [grade, n] of [[1, 6], [2, 6], [3, 3]] as const) {
      const vessel = await makeUnit(env, { category: '2000', subcategory: '2100', safetyGrade: grade });
      expect((await periodic().inspections.record(env.ctx, vessel.id, pass())).nextInspectionDue, `grade ${grade}`).toBe(years(n));
    }
  });

  it('a pass on Feb 29 is due on Feb 28 of a non-leap year', async () => {
    const unit = await makeUnit(env, { category: '3000', putIntoServiceOn: '2020-01-01' });
    expect((await periodic().inspections.record(env.ctx, unit.id, pass({ inspectedOn: '2024-02-29' }))).nextInspectionDue).toBe('2025-02-28');
  });

  it('gives a new pressure vessel its first due date 3 years after it was put into service; an elevator none', async () => {
    expect(await firstInspectionDue(env.db, { category: '2000', subcategory: '2100', safetyGrade: 2, putIntoServiceOn: '2025-06-30' })).toBe('2028-06-30');
    expect(await firstInspectionDue(env.db, { category: '3000', subcategory: null, safetyGrade: null, putIntoServiceOn: '2025-06-30' })).toBeNull();
  });

  it('the registry gives a new, never inspected vessel its first due date when none is given; an elevator gets none', async () => {
    const e = await makeUnit(env, { status: 'scrapped' });
    const base = { userUscc: e.userUscc, regionCode: '320826', address: '涟水县安东路1号', putIntoServiceOn: '2024-02-29' };
    const vessel = await env.services.equipment.registry.create(env.ctx, { ...base, category: '2000', subcategory: '2100', safetyGrade: 2, equipmentCode: `PV${Date.now().toString(36).toUpperCase()}` } as never);
    expect(vessel.nextInspectionDue).toBe('2027-02-28');
    const given = await env.services.equipment.registry.create(env.ctx, { ...base, category: '2000', subcategory: '2100', safetyGrade: 2, equipmentCode: `PW${Date.now().toString(36).toUpperCase()}`, nextInspectionDue: '2026-06-01' } as never);
    expect(given.nextInspectionDue).toBe('2026-06-01');
    const lift = await env.services.equipment.registry.create(env.ctx, { ...base, category: '3000', equipmentCode: `PL${Date.now().toString(36).toUpperCase()}` } as never);
    expect(lift.nextInspectionDue).toBeNull();
  });

  it('a boiler is due at the earliest of its internal and external inspections’ next dues', async () => {
    const boiler = await makeUnit(env, { category: '1000', subcategory: '1100' });
    const internal = await periodic().inspections.record(env.ctx, boiler.id, pass({ kind: 'internal', inspectedOn: addDays(today, -40) }));
    expect(internal.nextInspectionDue).toBe(addMonths(addDays(today, -40), 24));
    const external = await periodic().inspections.record(env.ctx, boiler.id, pass({ kind: 'external', inspectedOn: addDays(today, -20) }));
    expect(external.nextInspectionDue).toBe(addMonths(addDays(today, -20), 12));
    // A later internal inspection does not push the due date past the external one's.
    const again = await periodic().inspections.record(env.ctx, boiler.id, pass({ kind: 'internal', inspectedOn: addDays(today, -5) }));
    expect(again.nextInspectionDue).toBe(addMonths(addDays(today, -20), 12));
  });

  it('the most specific rule wins; rules are validated, unique, versioned (If-Match) and audited', async () => {
    const rules = periodic().rules;
    const created = await rules.create(env.ctx, { category: '3000', subcategory: '3300', intervalMonths: 6, note: '测试：自动扶梯半年' });
    try {
      const escalator = await makeUnit(env, { category: '3000', subcategory: '3300' });
      expect((await periodic().inspections.record(env.ctx, escalator.id, pass())).nextInspectionDue).toBe(addMonths(D, 6));
      const other = await makeUnit(env, { category: '3000', subcategory: '3100' });
      expect((await periodic().inspections.record(env.ctx, other.id, pass())).nextInspectionDue).toBe(addMonths(D, 12));

      await expect(rules.create(env.ctx, { category: '3000', subcategory: '3300', intervalMonths: 9 })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
      await expect(rules.create(env.ctx, { category: '3000', kind: 'internal', intervalMonths: 9 })).rejects.toMatchObject({ status: 400, details: { field: 'kind' } });
      await expect(rules.create(env.ctx, { category: '3000', subcategory: '2100', intervalMonths: 9 })).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' });
      await expect(rules.create(env.ctx, { category: 'X000', intervalMonths: 9 })).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' });
      await expect(rules.update(env.ctx, created.id, { intervalMonths: 7 }, [created.version + 1])).rejects.toMatchObject({ status: 412 });
      const updated = await rules.update(env.ctx, created.id, { intervalMonths: 7 }, [created.version]);
      expect(updated).toMatchObject({ intervalMonths: 7, version: created.version + 1 });
      const [event] = await env.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, created.id), eq(auditEvents.action, 'equipment_due_rule.updated')));
      expect(event).toBeDefined();
    } finally {
      await rules.remove(env.ctx, created.id);
    }
    expect((await rules.list()).items.some((r) => r.id === created.id)).toBe(false);
  });
});

describe('recording an inspection', () => {
  it('a fail marks the unit failed in use and leaves its due date; a later pass clears it', async () => {
    const due = addDays(today, 3);
    const unit = await makeUnit(env, { category: '3000', nextInspectionDue: due, lastConclusion: 'pass', lastInspectedOn: addDays(today, -360) });
    const failed = await periodic().inspections.record(env.ctx, unit.id, pass({ conclusion: 'fail', inspectedOn: addDays(today, -2) }));
    expect(failed).toMatchObject({ nextInspectionDue: due, lastConclusion: 'fail', failedInUse: true, nextDue: null, dueAnswered: due });
    expect(await unitRow(unit.id)).toMatchObject({ lastConclusion: 'fail', lastInspectedOn: addDays(today, -2), nextInspectionDue: due, version: unit.version + 1 });
    const passed = await periodic().inspections.record(env.ctx, unit.id, pass({ inspectedOn: addDays(today, -1), conclusion: 'pass_with_remarks' }));
    expect(passed).toMatchObject({ failedInUse: false, nextInspectionDue: addMonths(addDays(today, -1), 12) });
  });

  it('an inspection older than the last one is recorded but does not move the unit back', async () => {
    const unit = await makeUnit(env, { category: '3000' });
    await periodic().inspections.record(env.ctx, unit.id, pass({ inspectedOn: addDays(today, -5) }));
    const before = await unitRow(unit.id);
    await periodic().inspections.record(env.ctx, unit.id, pass({ inspectedOn: addDays(today, -400), conclusion: 'fail' }));
    const after = await unitRow(unit.id);
    expect(after).toMatchObject({ lastInspectedOn: before.lastInspectedOn, lastConclusion: 'pass', nextInspectionDue: before.nextInspectionDue, version: before.version + 1 });
    const listed = await periodic().inspections.list(env.admin, unit.id, { page: 1, pageSize: 10 });
    expect(listed.items.map((i) => i.inspectedOn)).toEqual([addDays(today, -5), addDays(today, -400)]);
    expect(listed.total).toBe(2);
  });

  it('writes an inspected event and an audit event, and bumps the version', async () => {
    const unit = await makeUnit(env, { category: '3000' });
    const out = await periodic().inspections.record(env.ctx, unit.id, pass());
    const [event] = await env.db.select().from(equipmentEvents).where(eq(equipmentEvents.equipmentId, unit.id));
    expect(event).toMatchObject({ kind: 'inspected', before: { nextInspectionDue: null }, after: { nextInspectionDue: years(1), inspectionId: out.id } });
    const [audit] = await env.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, unit.id), eq(auditEvents.action, 'equipment.inspected'))).orderBy(desc(auditEvents.at));
    expect(audit).toBeDefined();
    expect((await unitRow(unit.id)).version).toBe(unit.version + 1);
  });

  it('refuses a date in the future, before the unit was put into service, a kind a non-boiler has not, and a retired unit', async () => {
    const unit = await makeUnit(env, { category: '3000', putIntoServiceOn: '2020-01-01' });
    await expect(periodic().inspections.record(env.ctx, unit.id, pass({ inspectedOn: addDays(today, 1) }))).rejects.toMatchObject({ code: 'INVALID_DATE', status: 400 });
    await expect(periodic().inspections.record(env.ctx, unit.id, pass({ inspectedOn: '2019-12-31' }))).rejects.toMatchObject({ code: 'INVALID_DATE', status: 400 });
    await expect(periodic().inspections.record(env.ctx, unit.id, pass({ kind: 'internal' }))).rejects.toMatchObject({ status: 400, details: { field: 'kind' } });
    for (const status of ['scrapped', 'deregistered'] as const) {
      const retired = await makeUnit(env, { status });
      await expect(periodic().inspections.record(env.ctx, retired.id, pass())).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    }
    // A suspended unit may be inspected (before it is put back into use).
    const suspended = await makeUnit(env, { status: 'suspended' });
    expect((await periodic().inspections.record(env.ctx, suspended.id, pass())).nextInspectionDue).toBe(years(1));
  });

  it('404 outside the recorder’s region', async () => {
    const unit = await makeUnit(env, { regionCode: '320831' });
    const officer = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).id))!;
    await expect(periodic().inspections.record({ actor: officer }, unit.id, pass())).rejects.toMatchObject({ status: 404 });
    await expect(periodic().inspections.list(officer, unit.id, { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 404 });
  });
});

describe('the due list', () => {
  it('lists units in use due within N days, overdue first then by date (id last), in the reader’s region', async () => {
    const region = '320830';
    const uscc = (await makeUnit(env, { regionCode: region, status: 'scrapped' })).userUscc;
    const mk = (due: string | null, over: Partial<typeof equipmentUnits.$inferInsert> = {}) => makeUnit(env, { regionCode: region, userUscc: uscc, nextInspectionDue: due, ...over });
    const overdue = await mk(addDays(today, -1));
    const dueToday = await mk(today);
    const in30 = await mk(addDays(today, 30));
    await mk(addDays(today, 31));
    await mk(null);
    await mk(addDays(today, -3), { status: 'suspended' });
    const failed = await mk(addDays(today, 10), { lastConclusion: 'fail', lastInspectedOn: addDays(today, -2) });
    const elsewhere = await makeUnit(env, { regionCode: '320831', nextInspectionDue: addDays(today, -1) });

    const list = await periodic().due.list(env.admin, { regionCode: region }, { page: 1, pageSize: 100 });
    const mine = list.items.filter((u) => u.userUscc === uscc);
    expect(mine.map((u) => u.id)).toEqual([overdue.id, dueToday.id, failed.id, in30.id]);
    expect(mine.map((u) => u.overdue)).toEqual([true, false, false, false]);
    expect(mine.find((u) => u.id === failed.id)).toMatchObject({ failedInUse: true });
    expect(list.items.some((u) => u.id === elsewhere.id)).toBe(false);
    const dates = list.items.map((u) => u.nextInspectionDue!);
    expect([...dates].sort()).toEqual(dates);

    expect((await periodic().due.list(env.admin, { regionCode: region, within: 0 }, { page: 1, pageSize: 100 })).items.filter((u) => u.userUscc === uscc).map((u) => u.id)).toEqual([overdue.id, dueToday.id]);

    const officer = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320831' })).id))!;
    const theirs = await periodic().due.list(officer, {}, { page: 1, pageSize: 500 });
    expect(theirs.items.some((u) => u.id === elsewhere.id)).toBe(true);
    expect(theirs.items.every((u) => u.regionCode === '320831')).toBe(true);
    expect(await periodic().due.list(officer, { regionCode: region }, { page: 1, pageSize: 500 })).toEqual({ items: [], total: 0 });
  });

  it('is overdue across a year boundary the day after the due date, not on the due day itself', async () => {
    const region = '320813';
    const unit = await makeUnit(env, { regionCode: region, nextInspectionDue: '2026-12-31' });
    const on = (day: string) => periodic().due.list(env.admin, { regionCode: region, within: 30 }, { page: 1, pageSize: 500 }, day);
    expect((await on('2026-12-31')).items.find((u) => u.id === unit.id)).toMatchObject({ overdue: false });
    expect((await on('2027-01-01')).items.find((u) => u.id === unit.id)).toMatchObject({ overdue: true });
    expect((await on('2026-12-01')).items.find((u) => u.id === unit.id)).toMatchObject({ overdue: false });
    expect((await on('2026-11-30')).items.find((u) => u.id === unit.id)).toBeUndefined();
  });
});

describe('the daily due job', () => {
  const open = (subjectId: string, enterprise: boolean) =>
    env.db
      .select({ kind: todos.kind, key: todos.key, orgId: todos.orgId, enterpriseUscc: todos.enterpriseUscc, permission: todos.permission, link: todos.link, dueOn: todos.dueOn })
      .from(todos)
      .where(and(eq(todos.subjectId, subjectId), eq(todos.status, 'open'), enterprise ? isNotNull(todos.enterpriseUscc) : isNull(todos.enterpriseUscc)));

  it('raises one to-do for the county bureau and one for the user enterprise; re-running creates nothing; inspecting resolves them', async () => {
    const soon = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, 20) });
    const late = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, -2) });
    const far = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, 60) });
    const scrapped = await makeUnit(env, { regionCode: '320826', nextInspectionDue: addDays(today, -2), status: 'scrapped' });
    const job = periodic().dueTodos;
    await job.run(today);
    const lianshui = await env.orgIn('320826');
    expect(await open(soon.id, false)).toEqual([{ kind: 'equipment.inspection_due', key: `equipment.inspection_due:${soon.id}:${soon.nextInspectionDue}`, orgId: lianshui.id, enterpriseUscc: null, permission: 'equipment.read', link: `/equipment/${soon.id}`, dueOn: soon.nextInspectionDue }]);
    expect(await open(soon.id, true)).toEqual([{ kind: 'equipment.inspection_due', key: `enterprise:equipment.inspection_due:${soon.id}:${soon.nextInspectionDue}`, orgId: null, enterpriseUscc: soon.userUscc, permission: null, link: `/my/equipment/${soon.id}`, dueOn: soon.nextInspectionDue }]);
    expect((await open(late.id, false)).map((t) => t.kind)).toEqual(['equipment.inspection_overdue']);
    expect((await open(late.id, true)).map((t) => t.kind)).toEqual(['equipment.inspection_overdue']);
    expect(await open(far.id, false)).toEqual([]);
    expect(await open(scrapped.id, false)).toEqual([]);

    const again = await job.run(today);
    expect(again['equipment.inspection_due'].created).toBe(0);
    expect(again['equipment.inspection_overdue'].created).toBe(0);

    // A fail keeps them (the unit still needs an inspection); a pass resolves them at once.
    await periodic().inspections.record(env.ctx, late.id, pass({ inspectedOn: today, conclusion: 'fail' }));
    expect((await open(late.id, false)).length).toBe(1);
    await periodic().inspections.record(env.ctx, late.id, pass({ inspectedOn: today }));
    expect(await open(late.id, false)).toEqual([]);
    expect(await open(late.id, true)).toEqual([]);
    await job.run(today);
    expect(await open(late.id, false)).toEqual([]);

    // Scrapped meanwhile: the next run resolves the unit's items.
    await env.db.update(equipmentUnits).set({ status: 'scrapped' }).where(eq(equipmentUnits.id, soon.id));
    await job.run(today);
    expect(await open(soon.id, false)).toEqual([]);
    expect(await open(soon.id, true)).toEqual([]);
  });

  it('reads the units a page at a time (by due date, then id): pages of 2 and of 1 raise what one page does, ties on a date included', async () => {
    const dues = [-9, -3, -3, -3, 0, 4, 4, 29, 30];
    const units = [];
    for (const d of dues) units.push(await makeUnit(env, { regionCode: '320812', nextInspectionDue: addDays(today, d) }));
    const paged = (size: number) => makeDueTodos({ db: env.db, todos: env.services.todos, jurisdiction: env.services.jurisdiction }, size);
    await paged(2).run(today);
    for (const u of units) {
      const kind = u.nextInspectionDue! < today ? 'equipment.inspection_overdue' : 'equipment.inspection_due';
      expect((await open(u.id, false)).map((t) => t.key), u.nextInspectionDue!).toEqual([`${kind}:${u.id}:${u.nextInspectionDue}`]);
      expect((await open(u.id, true)).map((t) => t.key), u.nextInspectionDue!).toEqual([`enterprise:${kind}:${u.id}:${u.nextInspectionDue}`]);
    }
    // Every other page size sees the same set: nothing raised, nothing resolved.
    for (const size of [1, 3, 5000]) {
      const counts = await paged(size).run(today);
      expect(counts, `pages of ${size}`).toEqual({ 'equipment.inspection_due': { created: 0, resolved: 0 }, 'equipment.inspection_overdue': { created: 0, resolved: 0 } });
    }
  });
});

describe('the dashboard overview', () => {
  it('counts units by category and region, overdue and failed units, and the on-time rate of the year’s inspections', async () => {
    const region = '320871';
    const base = await periodic().stats.overview(env.admin, { regionCode: region });
    await makeUnit(env, { regionCode: region, category: '3000', nextInspectionDue: addDays(today, -1) });
    await makeUnit(env, { regionCode: region, category: '4000', subcategory: '4100', lastConclusion: 'fail', lastInspectedOn: addDays(today, -3) });
    await makeUnit(env, { regionCode: region, category: '4000', status: 'scrapped' });
    // One inspection on time (before its due date), one late (after it).
    const onTime = await makeUnit(env, { regionCode: region, category: '3000', nextInspectionDue: addDays(today, 5) });
    const late = await makeUnit(env, { regionCode: region, category: '3000', nextInspectionDue: addDays(today, -5) });
    const year = Number(today.slice(0, 4));
    const inYear = (d: string) => (Number(d.slice(0, 4)) === year ? d : `${year}-01-01`);
    await periodic().inspections.record(env.ctx, onTime.id, pass({ inspectedOn: inYear(today) }));
    await periodic().inspections.record(env.ctx, late.id, pass({ inspectedOn: inYear(today) }));

    const after = await periodic().stats.overview(env.admin, { regionCode: region, year });
    expect(after.units.byCategory['3000']! - (base.units.byCategory['3000'] ?? 0)).toBe(3);
    expect(after.units.byCategory['4000']! - (base.units.byCategory['4000'] ?? 0)).toBe(1);
    expect(after.units.byRegion[region]! - (base.units.byRegion[region] ?? 0)).toBe(4);
    expect(after.overdue - base.overdue).toBe(1);
    expect(after.failedInUse - base.failedInUse).toBe(1);
    expect(after.inspections.total - base.inspections.total).toBe(2);
    expect(after.inspections.onTime - base.inspections.onTime).toBe(1);
    expect(after.inspections.onTimeRate).toBe(Math.round((after.inspections.onTime / after.inspections.total) * 10_000) / 10_000);
    expect(after).toMatchObject({ year, regionCode: region, selfCorrectionTarget: 0.9, hazards: { open: expect.any(Number), closed: expect.any(Number) } });

    // A county officer elsewhere sees none of these units.
    const officer = (await env.services.users.loadActor((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).id))!;
    expect((await periodic().stats.overview(officer, { regionCode: region })).units.total).toBe(0);
  });
});
