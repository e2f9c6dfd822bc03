import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useServiceEnv } from '../../test/app.js';
import { CREDIT_EVENT_COLUMNS, creditEventsOf } from '../../test/credit-events.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { CREDIT_EVENTS_EQUIPMENT } from './index.js';
import { makeUnit } from './testing.js';

/**
 * Special equipment's credit events (credit/README.md § Event sources), all for the user unit:
 * each unit in use past its due date now, each hazard by level, each accident with its casualties;
 * scrapped or suspended units are not overdue; no free-text description or name in a title.
 */
const env = useServiceEnv();
const today = todayInChina();
const hazards = () => env.services.equipment.hazards;

const eventsOf = (uscc: string) => creditEventsOf(env.db, CREDIT_EVENTS_EQUIPMENT, uscc);

describe('special-equipment credit events', () => {
  it('has the eight columns in order with their types', async () => {
    const typed = `select ${CREDIT_EVENT_COLUMNS.map(([, type]) => `null::${type}`).join(', ')}`;
    const { rows } = (await env.db.execute(sql.raw(`select * from (${CREDIT_EVENTS_EQUIPMENT}) e union all ${typed}`))) as unknown as { rows: Record<string, unknown>[] };
    expect(Object.keys(rows.at(-1)!)).toEqual(CREDIT_EVENT_COLUMNS.map(([name]) => name));
  });

  it('`equipment.overdue`: each unit in use past its due date, dated the due date; not on the due day itself, not when scrapped, suspended or without a date', async () => {
    const { uscc } = await makeEnterprise(env, { regionCode: '320826' });
    const due = addDays(today, -3);
    const overdue = await makeUnit(env, { userUscc: uscc, nextInspectionDue: due });
    await makeUnit(env, { userUscc: uscc, nextInspectionDue: today });
    await makeUnit(env, { userUscc: uscc, nextInspectionDue: addDays(today, -400), status: 'scrapped' });
    await makeUnit(env, { userUscc: uscc, nextInspectionDue: addDays(today, -400), status: 'suspended' });
    await makeUnit(env, { userUscc: uscc, nextInspectionDue: null });
    // Written long ago: the row's time is the moment it fell overdue (the day after the due date, China time).
    await env.db.execute(sql`update equipment_units set updated_at = now() - interval '30 days' where id = ${overdue.id}`);

    expect(await eventsOf(uscc)).toEqual([
      {
        uscc,
        kind: 'equipment.overdue',
        occurredOn: due,
        recordedAt: new Date(`${addDays(due, 1)}T00:00:00+08:00`),
        refType: 'equipment_unit',
        refId: overdue.id,
        title: `特种设备超期未检验：电梯（设备代码 ${overdue.equipmentCode}，下次检验日期 ${due}）`,
        magnitude: null,
      },
    ]);

    // Inspected since (a later due date): no longer overdue.
    await env.db.execute(sql`update equipment_units set next_inspection_due = ${addDays(today, 365)}, updated_at = now() where id = ${overdue.id}`);
    expect(await eventsOf(uscc)).toEqual([]);
  });

  it('hazards by level, dated the day found, for the unit’s user or the user unit as a whole; the description never in the title', async () => {
    const unit = await makeUnit(env);
    const description = '操作人员王建国无证操作，限速器校验过期';
    const general = await hazards().create(env.ctx, { equipmentId: unit.id, source: 'supervision', foundOn: addDays(today, -10), description, level: 'general', correctionDueOn: addDays(today, 20) });
    const major = await hazards().create(env.ctx, { userUscc: unit.userUscc, source: 'self_inspection', foundOn: addDays(today, -4), description, level: 'major', correctionDueOn: addDays(today, 5) });
    const rows = await eventsOf(unit.userUscc);
    expect(rows.map((r) => [r.kind, r.refType, r.refId, r.occurredOn, r.magnitude, r.title])).toEqual([
      ['equipment.hazard_general', 'equipment_hazard', general.id, addDays(today, -10), null, `特种设备一般隐患（监督检查发现）：电梯（设备代码 ${unit.equipmentCode}），整改期限 ${addDays(today, 20)}`],
      ['equipment.hazard_major', 'equipment_hazard', major.id, addDays(today, -4), null, `特种设备重大隐患（企业自查发现）：使用单位，整改期限 ${addDays(today, 5)}`],
    ]);
    for (const r of rows) expect(r.title).not.toMatch(/王建国|限速器|操作人员/);

    await env.db.execute(sql`update equipment_hazards set updated_at = updated_at - interval '1 hour' where id = ${general.id}`);
    const before = (await eventsOf(unit.userUscc)).find((r) => r.refId === general.id)!.recordedAt;
    await hazards().correct(env.ctx, general.id, { correctedOn: today, note: '已更换限速器' });
    const [corrected] = (await eventsOf(unit.userUscc)).filter((r) => r.refId === general.id);
    expect(corrected!.title).toBe(`特种设备一般隐患（监督检查发现）：电梯（设备代码 ${unit.equipmentCode}），已于 ${today} 整改`);
    expect(corrected!.recordedAt.getTime()).toBeGreaterThan(before.getTime());
  });

  it('`equipment.accident`: one per accident, dated its day, casualties as magnitude; the description never in the title', async () => {
    const unit = await makeUnit(env);
    const withCasualties = await hazards().accidents.create(env.ctx, { equipmentId: unit.id, occurredOn: addDays(today, -100), description: '钢丝绳断裂，乘客李秀英受伤', casualties: 2 });
    const none = await hazards().accidents.create(env.ctx, { userUscc: unit.userUscc, occurredOn: addDays(today, -5), description: '困人' });
    const rows = (await eventsOf(unit.userUscc)).filter((r) => r.kind === 'equipment.accident');
    expect(rows.map((r) => [r.refType, r.refId, r.occurredOn, r.magnitude, r.title]).sort((a, b) => String(a[2]).localeCompare(String(b[2])))).toEqual([
      ['equipment_accident', withCasualties.id, addDays(today, -100), '2', `特种设备事故：电梯（设备代码 ${unit.equipmentCode}），伤亡 2 人`],
      ['equipment_accident', none.id, addDays(today, -5), '0', '特种设备事故：使用单位'],
    ]);
  });
});
