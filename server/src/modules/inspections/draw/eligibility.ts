import { regionWithin } from '../../../platform/access/scope.js';

/** An inspector of the inspector pool (执法检查人员名录库) as the assignment sees them. */
export interface PoolInspector {
  userId: string;
  /** The region of the inspector's org: they inspect objects within it. */
  regionCode: string;
  /** Active periods; none means always active. Dates are YYYY-MM-DD, both ends included. */
  activePeriods?: { from: string; to: string | null }[];
  specialties?: string[];
  /** Whether the inspector's account may sign in; a disabled account is `inactive` (absent: active). */
  accountActive?: boolean;
}

/** Why an inspector may not inspect an object; the draw record names the rule for each exclusion. */
export type ExclusionRule = 'inactive' | 'region' | 'specialty' | 'conflict' | 'last_time';

/**
 * Why the rule applies, for oversight (the auditors' record): what the rule read — the
 * inspector's account and active periods and the day, both regions, the specialties and the one
 * required, the declared conflict, the previous task.
 */
export type ExclusionEvidence =
  | { accountActive: boolean; activePeriods: { from: string; to: string | null }[]; on: string }
  | { inspectorRegion: string; objectRegion: string }
  | { specialties: string[]; required: string }
  | { declared: string }
  | { taskId: string | null };

export interface Exclusion {
  inspector: string;
  rule: ExclusionRule;
  evidence: ExclusionEvidence;
}

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
  /** The task of last time, if known. */
  lastTaskId?: string | null;
}

const activeOn = (i: PoolInspector, day: string) =>
  i.accountActive !== false && (!i.activePeriods?.length || i.activePeriods.some((p) => p.from <= day && (p.to === null || day <= p.to)));

/** The rule that keeps an inspector from the object whatever else holds, with its evidence; null when none does. */
function alwaysExcluded(i: PoolInspector, object: AssignmentObject, ctx: EligibilityContext): Omit<Exclusion, 'inspector'> | null {
  if (!activeOn(i, ctx.on)) return { rule: 'inactive', evidence: { accountActive: i.accountActive !== false, activePeriods: i.activePeriods ?? [], on: ctx.on } };
  if (!regionWithin(object.regionCode, i.regionCode)) return { rule: 'region', evidence: { inspectorRegion: i.regionCode, objectRegion: object.regionCode } };
  if (ctx.specialty && !i.specialties?.includes(ctx.specialty)) return { rule: 'specialty', evidence: { specialties: i.specialties ?? [], required: ctx.specialty } };
  if (ctx.conflicts.has(i.userId)) return { rule: 'conflict', evidence: { declared: object.key } };
  return null;
}

/**
 * Who may be drawn to inspect one object, and who may not and why: inactive on the day, outside
 * their region, lacking the item's specialty, or declared in conflict — always excluded; the
 * inspectors of last time — excluded only while enough others remain for the task.
 */
export function eligibleInspectors(pool: readonly PoolInspector[], object: AssignmentObject, ctx: EligibilityContext): { eligible: string[]; excluded: Exclusion[] } {
  const excluded: Exclusion[] = [];
  const eligible: string[] = [];
  for (const i of pool) {
    const why = alwaysExcluded(i, object, ctx);
    if (why) excluded.push({ inspector: i.userId, ...why });
    else eligible.push(i.userId);
  }
  return avoidingLastTime({ eligible, excluded }, ctx);
}

/** The inspectors of last time left out of a choice, while enough others remain for the task (the choice itself otherwise). */
function avoidingLastTime(choice: { eligible: string[]; excluded: Exclusion[] }, ctx: Pick<EligibilityContext, 'perTask' | 'lastTime' | 'lastTaskId'>) {
  const fresh = choice.eligible.filter((id) => !ctx.lastTime.has(id));
  if (fresh.length < ctx.perTask || fresh.length === choice.eligible.length) return choice;
  const lastTime: Exclusion[] = choice.eligible.filter((id) => ctx.lastTime.has(id)).map((id) => ({ inspector: id, rule: 'last_time', evidence: { taskId: ctx.lastTaskId ?? null } }));
  return { eligible: fresh, excluded: [...choice.excluded, ...lastTime] };
}

/**
 * `eligibleInspectors` for many objects of one draw. The answer for an object with no declared
 * conflict depends only on its region (the pool, the day, the specialty and the number per task
 * being the draw's) and its inspectors of last time, so the region's answer is computed once and
 * the same arrays are returned for every such object without a last time; with one, the region's
 * answer less last time's inspectors (its exclusions the same objects). An object with a conflict
 * gets its own answer. The same answers as calling `eligibleInspectors` for each object.
 */
export function eligibilityByRegion(pool: readonly PoolInspector[], ctx: Omit<EligibilityContext, 'conflicts' | 'lastTime'>) {
  const none: ReadonlySet<string> = new Set();
  const byRegion = new Map<string, ReturnType<typeof eligibleInspectors>>();
  return (object: AssignmentObject, conflicts: ReadonlySet<string> = none, last?: { inspectors: ReadonlySet<string>; taskId: string }) => {
    if (conflicts.size > 0) return eligibleInspectors(pool, object, { ...ctx, conflicts, lastTime: last?.inspectors ?? none, lastTaskId: last?.taskId });
    let choice = byRegion.get(object.regionCode);
    if (!choice) byRegion.set(object.regionCode, (choice = eligibleInspectors(pool, object, { ...ctx, conflicts: none, lastTime: none })));
    return last ? avoidingLastTime(choice, { perTask: ctx.perTask, lastTime: last.inspectors, lastTaskId: last.taskId }) : choice;
  };
}
