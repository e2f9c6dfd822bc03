import { and, eq, gte, inArray, like, lt, sql } from 'drizzle-orm';
import { escapeLike } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { todayInChina, yearOf } from '../../../platform/calendar/dates.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentHazards } from '../hazards/hazards.schema.js';
import { hazardScope } from '../hazards/hazards.service.js';
import { SELF_CORRECTION_TARGET, selfCorrectionRate } from '../hazards/self-correction.js';
import { certifiedOperatorRate, rateOf } from '../operators/coverage.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { unitScope } from '../registry/unit-reads.js';
import { equipmentInspections } from './periodic.schema.js';

export interface OverviewQuery {
  /** A division: a county, or the city (every county below it). */
  regionCode?: string;
  /** The year of the inspections and hazards counted (default: this year, China time). */
  year?: number;
}

/**
 * The special-equipment dashboard's figures (GET /api/equipment-stats/overview) in the reader's
 * data scope; see README.md for each figure's definition.
 */
export function makeStats(deps: Pick<EquipmentDeps, 'db'>) {
  const { db } = deps;
  return {
    async overview(actor: Actor, query: OverviewQuery, today = todayInChina()) {
      const year = query.year ?? yearOf(today);
      const from = `${year}-01-01`;
      const to = `${year + 1}-01-01`;
      const region = (column: typeof equipmentUnits.regionCode | typeof equipmentHazards.regionCode) => (query.regionCode ? like(column, `${escapeLike(regionPrefix(query.regionCode))}%`) : undefined);
      const units = and(unitScope(actor), region(equipmentUnits.regionCode));
      const active = and(units, inArray(equipmentUnits.status, ['in_use', 'suspended']));
      const hazards = and(hazardScope(actor), region(equipmentHazards.regionCode), gte(equipmentHazards.foundOn, from), lt(equipmentHazards.foundOn, to));

      const [byCategory, byRegion, [state], [inspections], [hazardCounts], operators, selfCorrection] = await Promise.all([
        db.select({ key: equipmentUnits.category, n: sql<number>`count(*)::int` }).from(equipmentUnits).where(active).groupBy(equipmentUnits.category).orderBy(equipmentUnits.category),
        db.select({ key: equipmentUnits.regionCode, n: sql<number>`count(*)::int` }).from(equipmentUnits).where(active).groupBy(equipmentUnits.regionCode).orderBy(equipmentUnits.regionCode),
        db
          .select({
            overdue: sql<number>`(count(*) filter (where ${equipmentUnits.nextInspectionDue} < ${today}))::int`,
            failedInUse: sql<number>`(count(*) filter (where ${equipmentUnits.lastConclusion} = 'fail'))::int`,
          })
          .from(equipmentUnits)
          .where(and(units, eq(equipmentUnits.status, 'in_use'))),
        db
          .select({
            total: sql<number>`count(*)::int`,
            onTime: sql<number>`(count(*) filter (where ${equipmentInspections.dueAnswered} is null or ${equipmentInspections.inspectedOn} <= ${equipmentInspections.dueAnswered}))::int`,
          })
          .from(equipmentInspections)
          .innerJoin(equipmentUnits, eq(equipmentUnits.id, equipmentInspections.equipmentId))
          .where(and(units, gte(equipmentInspections.inspectedOn, from), lt(equipmentInspections.inspectedOn, to))),
        db
          .select({ open: sql<number>`(count(*) filter (where ${equipmentHazards.correctedOn} is null))::int`, closed: sql<number>`(count(*) filter (where ${equipmentHazards.correctedOn} is not null))::int` })
          .from(equipmentHazards)
          .where(hazards),
        certifiedOperatorRate(db, { where: units, today }),
        selfCorrectionRate(db, { regionCode: query.regionCode, year }, { scope: hazardScope(actor), today }),
      ]);
      const total = inspections?.total ?? 0;
      const onTime = inspections?.onTime ?? 0;
      return {
        year,
        regionCode: query.regionCode ?? null,
        today,
        units: {
          total: byCategory.reduce((s, r) => s + r.n, 0),
          byCategory: Object.fromEntries(byCategory.map((r) => [r.key, r.n])),
          byRegion: Object.fromEntries(byRegion.map((r) => [r.key, r.n])),
        },
        inspections: { total, onTime, onTimeRate: rateOf(onTime, total) },
        overdue: state?.overdue ?? 0,
        failedInUse: state?.failedInUse ?? 0,
        hazards: { open: hazardCounts?.open ?? 0, closed: hazardCounts?.closed ?? 0 },
        certifiedOperatorRate: operators.rate,
        selfCorrectionRate: selfCorrection.rate,
        selfCorrectionTarget: SELF_CORRECTION_TARGET,
      };
    },
  };
}
