import { type SQL, and, asc, eq, inArray, like, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { selectUnits, toEquipmentJson, unitScope } from '../registry/unit-reads.js';

/** The due list's window when none is asked: §40 — the user requests the inspection a month before it is due. */
export const DEFAULT_DUE_WITHIN = 30;

export interface DueListSqlInput {
  /** The last due date listed (today + within). */
  until: string;
  /** Data scope and filters the caller adds (the reader's scope, the region asked for). */
  where?: SQL;
  /**
   * The region codes the listed units may carry, when the reader or the filter narrows to part of
   * the jurisdiction: an `= any(…)` on them lets the planner walk the partial index
   * `equipment_units_region_due (region_code, next_inspection_due) where status = 'in_use'` per
   * county instead of a LIKE it cannot use under a non-C collation. Null: all regions.
   */
  regionCodes: readonly string[] | null;
  page: Page;
}

/**
 * The due list's SQL (exported for the bench's bare route, which runs it without a session):
 * units in use due on or before `until`, overdue first then by due date (ascending due dates put
 * overdue ones first), the unit's id last; and their count.
 */
export function dueListSql(tx: Db, input: DueListSqlInput) {
  const where = and(
    eq(equipmentUnits.status, 'in_use'),
    lte(equipmentUnits.nextInspectionDue, input.until),
    input.regionCodes ? inArray(equipmentUnits.regionCode, [...input.regionCodes]) : undefined,
    input.where,
  );
  return {
    items: selectUnits(tx).where(where).orderBy(asc(equipmentUnits.nextInspectionDue), asc(equipmentUnits.id)).limit(input.page.pageSize).offset(offsetOf(input.page)),
    total: tx.select({ n: countAll }).from(equipmentUnits).where(where),
  };
}

/** How long the list of region codes is kept (they change when an administrator edits the jurisdiction). */
const REGIONS_TTL_MS = 60_000;

/**
 * `GET /api/equipment/due`: units in use due within `within` days (overdue included) in the
 * reader's scope (officers: their region; enterprise accounts: their own units), as Equipment JSON.
 */
export function makeDueList(deps: Pick<EquipmentDeps, 'db' | 'jurisdiction'>) {
  let regions: { codes: string[]; at: number } | null = null;
  const regionCodes = async () => {
    if (!regions || Date.now() - regions.at > REGIONS_TTL_MS) regions = { codes: (await deps.jurisdiction.listRegions()).map((r) => r.code), at: Date.now() };
    return regions.codes;
  };

  /** The active region codes under every given prefix (null when no prefix narrows). */
  async function codesWithin(prefixes: string[]): Promise<string[] | null> {
    if (prefixes.length === 0) return null;
    return (await regionCodes()).filter((code) => prefixes.every((p) => code.startsWith(p)));
  }

  return {
    async list(actor: Actor, query: { within?: number; regionCode?: string }, page: Page, today = todayInChina()) {
      const within = query.within ?? DEFAULT_DUE_WITHIN;
      const prefixes: string[] = [];
      if (query.regionCode) prefixes.push(regionPrefix(query.regionCode));
      if (actor.dataScope === 'region') prefixes.push(regionPrefix(actor.regionCode));
      const where = and(unitScope(actor), query.regionCode ? like(equipmentUnits.regionCode, `${escapeLike(regionPrefix(query.regionCode))}%`) : undefined);
      const { items, total } = dueListSql(deps.db, { until: addDays(today, within), where, regionCodes: await codesWithin(prefixes), page });
      const [rows, [count]] = await Promise.all([items, total]);
      return { items: rows.map((r) => toEquipmentJson(r, today)), total: count?.n ?? 0 };
    },
  };
}
