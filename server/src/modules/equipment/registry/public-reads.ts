import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import { enterprises } from '../../enterprises/index.js';
import { type EquipmentStatus, equipmentCategories, equipmentUnits } from './registry.schema.js';
import { isOverdue } from './unit-reads.js';

/**
 * The registry's public reads: one unit by its registration number (anyone may check the
 * elevator in their building), and the equipment part of an enterprise's public record. No
 * personal data, no address, no supervision state beyond status and the inspection due date.
 */

/** A unit as the public sees it. */
export interface PublicUnit {
  registrationNo: string;
  category: string;
  categoryName: string;
  userName: string;
  status: EquipmentStatus;
  nextInspectionDue: string | null;
  overdue: boolean;
}

/** The public answer for a registration number (使用登记证编号); 404 when no unit holds it. */
export async function publicUnit(db: Db, registrationNo: string): Promise<PublicUnit> {
  const [row] = await db
    .select({
      registrationNo: sql<string>`${equipmentUnits.registrationNo}`,
      category: equipmentUnits.category,
      categoryName: sql<string>`coalesce(${equipmentCategories.name}, ${equipmentUnits.category})`,
      userName: sql<string>`coalesce(${enterprises.name}, '')`,
      status: equipmentUnits.status,
      nextInspectionDue: equipmentUnits.nextInspectionDue,
    })
    .from(equipmentUnits)
    .leftJoin(equipmentCategories, eq(equipmentCategories.code, equipmentUnits.category))
    .leftJoin(enterprises, eq(enterprises.uscc, equipmentUnits.userUscc))
    .where(eq(equipmentUnits.registrationNo, registrationNo.trim()));
  if (!row) throw notFound('设备');
  return { ...row, overdue: isOverdue(row, todayInChina()) };
}

/** The equipment part of an enterprise's public record. */
export interface PublicEquipmentSummary {
  /** Units in use or suspended (not scrapped or deregistered), by top category code. */
  byCategory: Record<string, number>;
  /** Units in use whose inspection is overdue (today, China time, after the due date). */
  overdue: number;
}

/**
 * `PublicEquipmentSummary` of the enterprise row aliased `e` (the public lookup embeds it, so the
 * lookup stays one statement): a scalar subquery over the user's units (index on `user_uscc`).
 */
export const PUBLIC_EQUIPMENT_OF_E = `(select json_build_object(
        'byCategory', coalesce((select json_object_agg(x.category, x.n order by x.category)
            from (select u.category, count(*)::int as n from equipment_units u
                   where u.user_uscc = e.uscc and u.status in ('in_use', 'suspended') group by u.category) x), '{}'::json),
        'overdue', (select count(*)::int from equipment_units u
                     where u.user_uscc = e.uscc and u.status = 'in_use'
                       and u.next_inspection_due < (now() at time zone 'Asia/Shanghai')::date)))`;
