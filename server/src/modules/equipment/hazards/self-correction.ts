import { type SQL, and, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { todayInChina, yearOf } from '../../../platform/calendar/dates.js';
import { normalizeUscc } from '../../enterprises/index.js';
import { equipmentHazards } from './hazards.schema.js';
import { hazardScope } from './hazards.service.js';

/** The seed's target for the self-correction rate (§三(二)4(2)): at least 90 %. */
export const SELF_CORRECTION_TARGET = 0.9;

export interface SelfCorrectionFilter {
  /** A division: the county, or the city (all counties below it). */
  regionCode?: string;
  /** One user unit (enterprise). */
  userUscc?: string;
  /** The year the hazards were found (default: this year in China). */
  year?: number;
}

export interface SelfCorrectionFigures {
  /** Hazards found by self-inspection in the year. */
  found: number;
  /** Of those, the ones whose correction deadline has passed (today, China time, is after it). */
  due: number;
  /** Of those due, the ones corrected on or before the deadline. */
  correctedOnTime: number;
  /** correctedOnTime ÷ due; null when nothing is due yet. */
  rate: number | null;
  target: number;
}

const figures = (found: number, due: number, correctedOnTime: number): SelfCorrectionFigures => ({ found, due, correctedOnTime, rate: due === 0 ? null : correctedOnTime / due, target: SELF_CORRECTION_TARGET });

/** The counts of the rate as SQL aggregates over `equipment_hazards` (today as given). */
const aggregates = (today: string) => ({
  found: sql<number>`count(*)::int`,
  due: sql<number>`(count(*) filter (where ${equipmentHazards.correctionDueOn} < ${today}))::int`,
  correctedOnTime: sql<number>`(count(*) filter (where ${equipmentHazards.correctionDueOn} < ${today} and ${equipmentHazards.correctedOn} <= ${equipmentHazards.correctionDueOn}))::int`,
});

function conditions(filter: SelfCorrectionFilter, year: number, scope?: SQL) {
  return and(
    eq(equipmentHazards.source, 'self_inspection'),
    gte(equipmentHazards.foundOn, `${year}-01-01`),
    lt(equipmentHazards.foundOn, `${year + 1}-01-01`),
    filter.regionCode ? like(equipmentHazards.regionCode, `${regionPrefix(filter.regionCode)}%`) : undefined,
    filter.userUscc ? eq(equipmentHazards.userUscc, normalizeUscc(filter.userUscc)) : undefined,
    scope,
  );
}

/**
 * The self-correction rate (企业隐患自查自纠率) of hazards found by self-inspection in a year, for
 * an enterprise, a county or the city, within a data scope (`scope`, a condition on
 * `equipment_hazards`, e.g. `hazardScope(actor)`; none for everything). The dashboard's function.
 */
export async function selfCorrectionRate(db: Db, filter: SelfCorrectionFilter, opts: { scope?: SQL; today?: string } = {}): Promise<SelfCorrectionFigures & { year: number }> {
  const today = opts.today ?? todayInChina();
  const year = filter.year ?? yearOf(today);
  const [row] = await db.select(aggregates(today)).from(equipmentHazards).where(conditions(filter, year, opts.scope));
  return { year, ...figures(row?.found ?? 0, row?.due ?? 0, row?.correctedOnTime ?? 0) };
}

/** The same figures per county (the first six digits of the region code), counties in code order. */
export async function selfCorrectionByCounty(db: Db, filter: SelfCorrectionFilter, opts: { scope?: SQL; today?: string } = {}) {
  const today = opts.today ?? todayInChina();
  const year = filter.year ?? yearOf(today);
  const county = sql<string>`left(${equipmentHazards.regionCode}, 6)`;
  const rows = await db
    .select({ regionCode: county, ...aggregates(today) })
    .from(equipmentHazards)
    .where(conditions(filter, year, opts.scope))
    .groupBy(county)
    .orderBy(county);
  return { year, items: rows.map((r) => ({ regionCode: r.regionCode, ...figures(r.found, r.due, r.correctedOnTime) })) };
}

/** The rate as the actor may see it (its data scope; an enterprise account: its own hazards). */
export function makeSelfCorrection(deps: { db: Db }) {
  return {
    rate: (actor: Actor, filter: SelfCorrectionFilter, today?: string) => selfCorrectionRate(deps.db, filter, { scope: hazardScope(actor), today }),
    byCounty: (actor: Actor, filter: SelfCorrectionFilter, today?: string) => selfCorrectionByCounty(deps.db, filter, { scope: hazardScope(actor), today }),
  };
}
