import { type SQL, and, asc, desc, eq, gt, inArray, like, lte, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { escapeLike } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { type EquipmentStatus, type KeyUnitKind, equipmentUnits } from './registry.schema.js';

/**
 * Reading units: the columns of the Equipment JSON, the read of one unit in the reader's scope,
 * the list's filters as one condition. Exported through the module's index.ts so the other parts
 * (periodic inspection, hazards, supervision) read units the same way.
 */

/** The columns a unit is read with: its row and its user's name from the register. */
export const unitColumns = {
  id: equipmentUnits.id,
  category: equipmentUnits.category,
  subcategory: equipmentUnits.subcategory,
  equipmentCode: equipmentUnits.equipmentCode,
  registrationNo: equipmentUnits.registrationNo,
  userUscc: equipmentUnits.userUscc,
  userName: sql<string>`coalesce(${enterprises.name}, '')`,
  regionCode: equipmentUnits.regionCode,
  address: equipmentUnits.address,
  keyUnitKind: equipmentUnits.keyUnitKind,
  safetyGrade: equipmentUnits.safetyGrade,
  putIntoServiceOn: equipmentUnits.putIntoServiceOn,
  status: equipmentUnits.status,
  lastInspectedOn: equipmentUnits.lastInspectedOn,
  lastConclusion: equipmentUnits.lastConclusion,
  nextInspectionDue: equipmentUnits.nextInspectionDue,
  manufacturer: equipmentUnits.manufacturer,
  model: equipmentUnits.model,
  factoryNo: equipmentUnits.factoryNo,
  importId: equipmentUnits.importId,
  version: equipmentUnits.version,
  createdAt: equipmentUnits.createdAt,
  updatedAt: equipmentUnits.updatedAt,
};

/** `equipment_units ⋈ enterprises` (left: the user's name) selecting `unitColumns`; callers add where, order, paging. */
export const selectUnits = (tx: Db) => tx.select(unitColumns).from(equipmentUnits).leftJoin(enterprises, eq(enterprises.uscc, equipmentUnits.userUscc));

export type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['execute']>>[number];

/**
 * Overdue (特种设备安全法 §40): a unit in use whose next inspection was due before today (China
 * time). On the due day itself it is not overdue. A suspended, scrapped or deregistered unit is not
 * used and so not overdue (a suspended one shows overdue again once back in use, if its date passed).
 */
export const isOverdue = (u: { status: EquipmentStatus; nextInspectionDue: string | null }, today = todayInChina()) => u.status === 'in_use' && u.nextInspectionDue !== null && today > u.nextInspectionDue;

/** Failed and still in use: its last inspection's conclusion was 不合格 and it has not been taken out of use. */
export const isFailedInUse = (u: { status: EquipmentStatus; lastConclusion: string | null }) => u.status === 'in_use' && u.lastConclusion === 'fail';

/** The unit as the API answers it (the Equipment JSON of issue 16, plus manufacturer, model, factory number, version, times). */
export function toEquipmentJson(row: UnitRow, today = todayInChina()) {
  const { importId: _importId, ...unit } = row;
  return { ...unit, overdue: isOverdue(row, today), failedInUse: isFailedInUse(row) };
}

export type EquipmentJson = ReturnType<typeof toEquipmentJson>;

/** The reader's data scope over units: their region (officers), their own units (enterprise accounts). */
export const unitScope = (actor: Actor) => visibleTo(actor, { regionCode: equipmentUnits.regionCode, uscc: equipmentUnits.userUscc });

/**
 * One unit in the reader's scope (`actor` null: any unit, for the system), as the Equipment JSON;
 * 404 when it does not exist or lies outside the scope. `lock`: the unit's row stays locked until
 * the transaction ends (for a change).
 */
export async function findUnit(tx: Db, actor: Actor | null, id: string, opts: { lock?: boolean } = {}): Promise<EquipmentJson> {
  const query = selectUnits(tx).where(and(eq(equipmentUnits.id, id), actor ? unitScope(actor) : undefined));
  const [row] = await (opts.lock ? query.for('update', { of: equipmentUnits }) : query);
  if (!row) throw notFound('设备');
  return toEquipmentJson(row);
}

/** The SQL twin of `isOverdue` (today: China time, as the caller computes it, or an SQL expression of it). */
export const overdueCondition = (today: string | SQL): SQL => and(eq(equipmentUnits.status, 'in_use'), lt(equipmentUnits.nextInspectionDue, today))!;

export interface EquipmentFilter {
  /** A top category (3000) or a subcategory (3100). */
  category?: string;
  status?: EquipmentStatus;
  /** The division and the divisions below it. */
  regionCode?: string;
  userUscc?: string;
  overdue?: boolean;
  /** Units in use due within this many days from today (overdue ones included). */
  dueWithin?: number;
  keyUnitKind?: KeyUnitKind;
  /** Equipment code or registration number (prefix), address or user name (part). */
  q?: string;
}

/** The list's filters and the reader's data scope as one condition (the list and the export select the same rows). */
export function unitConditions(actor: Actor, filter: EquipmentFilter, today = todayInChina()): SQL | undefined {
  const conds: (SQL | undefined)[] = [unitScope(actor)];
  if (filter.category) conds.push(or(eq(equipmentUnits.category, filter.category), eq(equipmentUnits.subcategory, filter.category)));
  if (filter.status) conds.push(eq(equipmentUnits.status, filter.status));
  if (filter.regionCode) conds.push(like(equipmentUnits.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`));
  if (filter.userUscc) conds.push(eq(equipmentUnits.userUscc, normalizeUscc(filter.userUscc)));
  if (filter.overdue === true) conds.push(overdueCondition(today));
  if (filter.overdue === false) conds.push(or(ne(equipmentUnits.status, 'in_use'), sql`${equipmentUnits.nextInspectionDue} is null`, sql`${equipmentUnits.nextInspectionDue} >= ${today}`));
  if (filter.dueWithin !== undefined) conds.push(and(eq(equipmentUnits.status, 'in_use'), lte(equipmentUnits.nextInspectionDue, addDays(today, filter.dueWithin))));
  if (filter.keyUnitKind) conds.push(eq(equipmentUnits.keyUnitKind, filter.keyUnitKind));
  const q = filter.q?.trim();
  if (q) {
    const prefix = `${escapeLike(q.toUpperCase())}%`;
    const part = `%${escapeLike(q)}%`;
    conds.push(or(like(equipmentUnits.equipmentCode, prefix), like(equipmentUnits.registrationNo, `${escapeLike(q)}%`), sql`${equipmentUnits.address} ilike ${part}`, sql`${enterprises.name} ilike ${part}`));
  }
  return and(...conds);
}

export const SORTS = ['equipmentCode', '-equipmentCode', 'nextInspectionDue', '-nextInspectionDue', 'putIntoServiceOn', '-putIntoServiceOn', 'updatedAt', '-updatedAt'] as const;
export type Sort = (typeof SORTS)[number];

const SORT_COLUMNS = {
  equipmentCode: equipmentUnits.equipmentCode,
  nextInspectionDue: equipmentUnits.nextInspectionDue,
  putIntoServiceOn: equipmentUnits.putIntoServiceOn,
  updatedAt: equipmentUnits.updatedAt,
};

/** The page order: the sort asked for (by equipment code when none), the unit's id last (unique: pages neither repeat nor lose rows). */
export function unitOrder(sort: Sort | undefined) {
  const by = sort ?? 'equipmentCode';
  const column = SORT_COLUMNS[by.replace('-', '') as keyof typeof SORT_COLUMNS];
  return [by.startsWith('-') ? desc(column) : asc(column), asc(equipmentUnits.id)];
}

/** Keyset paging for exports: units after `afterId` in id order. */
export const afterUnit = (afterId: string | null) => (afterId ? gt(equipmentUnits.id, afterId) : undefined);

/** Units of the given ids (any scope): for other parts that hold ids. */
export const unitsByIds = async (tx: Db, ids: string[]) => (ids.length ? (await selectUnits(tx).where(inArray(equipmentUnits.id, ids))).map((r) => toEquipmentJson(r)) : []);
