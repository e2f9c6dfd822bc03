import { regionWithin } from '../../../platform/access/scope.js';

/** An inspector of the inspector pool (执法检查人员名录库) as the assignment sees them. */
export interface PoolInspector {
  userId: string;
  /** The region of the inspector's org: they inspect objects within it. */
  regionCode: string;
  /** Active periods; none means always active. Dates are YYYY-MM-DD, both ends included. */
  activePeriods?: { from: string; to: string | null }[];
  specialties?: string[];
}

/** Why an inspector may not inspect an object; the draw record names the rule for each exclusion. */
export type ExclusionRule = 'inactive' | 'region' | 'specialty' | 'conflict' | 'last_time';

export interface AssignmentObject {
  key: string;
  regionCode: string;
}

export interface EligibilityContext {
  /** The day of the draw. */
  on: string;
  /** Inspectors needed per task. */
  perTask: number;
  /** A specialty the inspection item requires, if any. */
  specialty?: string | null;
  /** Inspectors who declared a conflict of interest with the object. */
  conflicts: ReadonlySet<string>;
  /** Inspectors who inspected the object last time. */
  lastTime: ReadonlySet<string>;
}

const activeOn = (i: PoolInspector, day: string) => !i.activePeriods?.length || i.activePeriods.some((p) => p.from <= day && (p.to === null || day <= p.to));

/**
 * Who may be drawn to inspect one object, and who may not and why: inactive on the day, outside
 * their region, lacking the item's specialty, or declared in conflict — always excluded; the
 * inspectors of last time — excluded only while enough others remain for the task.
 */
export function eligibleInspectors(pool: readonly PoolInspector[], object: AssignmentObject, ctx: EligibilityContext) {
  const excluded: { inspector: string; rule: ExclusionRule }[] = [];
  const eligible: string[] = [];
  for (const i of pool) {
    const rule: ExclusionRule | null = !activeOn(i, ctx.on)
      ? 'inactive'
      : !regionWithin(object.regionCode, i.regionCode)
        ? 'region'
        : ctx.specialty && !i.specialties?.includes(ctx.specialty)
          ? 'specialty'
          : ctx.conflicts.has(i.userId)
            ? 'conflict'
            : null;
    if (rule) excluded.push({ inspector: i.userId, rule });
    else eligible.push(i.userId);
  }
  const fresh = eligible.filter((id) => !ctx.lastTime.has(id));
  if (fresh.length >= ctx.perTask && fresh.length < eligible.length) {
    for (const id of eligible) if (ctx.lastTime.has(id)) excluded.push({ inspector: id, rule: 'last_time' });
    return { eligible: fresh, excluded };
  }
  return { eligible, excluded };
}

/**
 * `eligibleInspectors` for many objects of one draw. The answer for an object with no declared
 * conflict and no inspector of last time depends only on its region (the pool, the day, the
 * specialty and the number per task being the draw's), so it is computed once per region and the
 * same arrays are returned for every such object; an object with a conflict or a last time gets
 * its own answer. The same answers as calling `eligibleInspectors` for each object.
 */
export function eligibilityByRegion(pool: readonly PoolInspector[], ctx: Omit<EligibilityContext, 'conflicts' | 'lastTime'>) {
  const none: ReadonlySet<string> = new Set();
  const byRegion = new Map<string, ReturnType<typeof eligibleInspectors>>();
  return (object: AssignmentObject, conflicts: ReadonlySet<string> = none, lastTime: ReadonlySet<string> = none) => {
    if (conflicts.size > 0 || lastTime.size > 0) return eligibleInspectors(pool, object, { ...ctx, conflicts, lastTime });
    let choice = byRegion.get(object.regionCode);
    if (!choice) byRegion.set(object.regionCode, (choice = eligibleInspectors(pool, object, { ...ctx, conflicts: none, lastTime: none })));
    return choice;
  };
}
