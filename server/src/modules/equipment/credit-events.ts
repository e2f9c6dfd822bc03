import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { overdueCondition } from './registry/unit-reads.js';

/**
 * This module's credit events (see credit/README.md § Event sources): one row per record that
 * bears on an enterprise's credit or belongs on its credit archive's timeline. Columns:
 * uscc text, kind text, occurred_on date, recorded_at timestamptz, ref_type text, ref_id text,
 * title text, magnitude numeric (null when the kind has none).
 *
 * Every event goes to the user unit (使用单位, `user_uscc`).
 * - `equipment.overdue`: a unit in use past its inspection due date, now (`overdueCondition`, today
 *   in China): occurred_on the due date; recorded_at the later of the unit's last write and the
 *   moment it became overdue (the day after the due date, 00:00 China time), so the minute job
 *   sees a unit fall overdue. A scrapped, deregistered or suspended unit, or one inspected since,
 *   gives nothing. ref_type `equipment_unit`.
 * - `equipment.hazard_general` / `equipment.hazard_major`: each hazard by its level, occurred_on
 *   the day found; the title says where it came from and whether it was corrected. ref_type
 *   `equipment_hazard`; recorded_at the hazard's last write.
 * - `equipment.accident`: each accident, occurred_on its day, magnitude the casualties. ref_type
 *   `equipment_accident`; recorded_at its creation (accidents are never changed).
 * Titles name the category and the equipment code, never the free-text descriptions (which may
 * name operators or witnesses) nor who recorded them.
 */

const TODAY_IN_CHINA = sql.raw(`(now() at time zone 'Asia/Shanghai')::date`);
/** `overdueCondition` as SQL text over the unaliased `equipment_units` (the registry's one definition). */
const OVERDUE = new PgDialect({ casing: 'snake_case' }).sqlToQuery(overdueCondition(TODAY_IN_CHINA).inlineParams()).sql;

const OVERDUE_UNITS = `select equipment_units.user_uscc::text as uscc, 'equipment.overdue'::text as kind, equipment_units.next_inspection_due::date as occurred_on,
  greatest(equipment_units.updated_at, (equipment_units.next_inspection_due + 1)::timestamp at time zone 'Asia/Shanghai')::timestamptz as recorded_at,
  'equipment_unit'::text as ref_type, equipment_units.id::text as ref_id,
  ('特种设备超期未检验：' || coalesce(c.name, equipment_units.category) || '（设备代码 ' || equipment_units.equipment_code
    || '，下次检验日期 ' || to_char(equipment_units.next_inspection_due, 'YYYY-MM-DD') || '）')::text as title,
  null::numeric as magnitude
from equipment_units
left join equipment_categories c on c.code = equipment_units.category
where ${OVERDUE}`;

/** The unit of a hazard or accident (`u`, `c` left-joined), or the user unit as a whole. */
const SUBJECT = `coalesce(coalesce(c.name, u.category) || '（设备代码 ' || u.equipment_code || '）', '使用单位')`;
const SOURCE = `case h.source when 'self_inspection' then '企业自查' when 'supervision' then '监督检查' when 'complaint' then '投诉举报' else '定期检验' end`;

function hazards(level: 'general' | 'major', label: string): string {
  return `select h.user_uscc::text as uscc, 'equipment.hazard_${level}'::text as kind, h.found_on::date as occurred_on,
  h.updated_at::timestamptz as recorded_at, 'equipment_hazard'::text as ref_type, h.id::text as ref_id,
  ('特种设备${label}（' || ${SOURCE} || '发现）：' || ${SUBJECT} || '，'
    || case when h.corrected_on is null then '整改期限 ' || to_char(h.correction_due_on, 'YYYY-MM-DD') else '已于 ' || to_char(h.corrected_on, 'YYYY-MM-DD') || ' 整改' end)::text as title,
  null::numeric as magnitude
from equipment_hazards h
left join equipment_units u on u.id = h.equipment_id
left join equipment_categories c on c.code = u.category
where h.level = '${level}'`;
}

const ACCIDENTS = `select a.user_uscc::text as uscc, 'equipment.accident'::text as kind, a.occurred_on::date as occurred_on,
  a.created_at::timestamptz as recorded_at, 'equipment_accident'::text as ref_type, a.id::text as ref_id,
  ('特种设备事故：' || ${SUBJECT} || case when a.casualties > 0 then '，伤亡 ' || a.casualties || ' 人' else '' end)::text as title,
  a.casualties::numeric as magnitude
from equipment_accidents a
left join equipment_units u on u.id = a.equipment_id
left join equipment_categories c on c.code = u.category`;

export const CREDIT_EVENTS_EQUIPMENT = [OVERDUE_UNITS, hazards('general', '一般隐患'), hazards('major', '重大隐患'), ACCIDENTS].join('\nunion all\n');
