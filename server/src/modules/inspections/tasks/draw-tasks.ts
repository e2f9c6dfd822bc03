import { param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import type { DrawTasks } from '../draws/draws.service.js';
import type { PoolsService } from '../pools/pools.service.js';
import { objectPools } from '../inspections.schema.js';
import { eq } from 'drizzle-orm';

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** The last day of a plan's last quarter: the day its tasks are due. */
export const planDueOn = (plan: { year: number; quarters: readonly number[] }) => `${plan.year}-${QUARTER_ENDS[Math.max(...plan.quarters) - 1]}`;

/**
 * The tasks side of a draw: who inspected an object last time (for the avoidance rule) and one
 * task per selected object. Both are set-based statements with one array parameter per column, as
 * a draw may select a hundred thousand objects.
 */
export function makeDrawTasks(deps: { jurisdiction: JurisdictionService; pools?: Pick<PoolsService, 'providerOf'> }): DrawTasks {
  return {
    async lastInspectors(tx, itemId, objectKeys) {
      const last = new Map<string, { taskId: string; inspectors: Set<string> }>();
      if (objectKeys.length === 0) return last;
      const { rows } = (await tx.execute(sql`
        select distinct on (object_key) object_key as "key", id as "taskId", inspector_ids as "inspectors"
        from inspection_tasks
        where item_id = ${itemId} and object_key = any(${param(objectKeys)}::text[])
        order by object_key, created_at desc, id desc`)) as unknown as { rows: { key: string; taskId: string; inspectors: string[] }[] };
      for (const r of rows) last.set(r.key, { taskId: r.taskId, inspectors: new Set(r.inspectors) });
      return last;
    },

    async createFromDraw(tx: Db, { id, plan, assignments, byName }) {
      if (assignments.length === 0) return;
      const keys = assignments.map((a) => a.objectKey);
      const [pool] = await tx.select({ targetKind: objectPools.targetKind }).from(objectPools).where(eq(objectPools.id, plan.poolId));
      const provider = pool && deps.pools ? deps.pools.providerOf(pool.targetKind) : null;
      if (provider) {
        // A unit (or user unit): the task is the object's (its key, its region, its competent
        // bureau) and goes to the enterprise that uses it (enterprise_id), whose account sees it.
        const objects = sql`(${provider.objects(sql`${param(keys)}::text[]`)})`;
        const { rows: regions } = (await tx.execute(sql`select distinct o."regionCode" as "regionCode" from ${objects} o`)) as unknown as { rows: { regionCode: string }[] };
        const orgIds: string[] = [];
        for (const r of regions) orgIds.push((await deps.jurisdiction.competentBureau(r.regionCode, tx)).id);
        await tx.execute(sql`
          insert into inspection_tasks (item_id, plan_id, draw_id, origin, object_key, enterprise_id, region_code, org_id, inspector_ids, state, due_on, created_by_name)
          select ${plan.itemId}, ${plan.id}, ${id}, 'draw', u.key, e.id, o."regionCode", b.org_id, string_to_array(u.inspectors, ',')::uuid[], 'assigned', ${planDueOn(plan)}, ${byName}
          from unnest(${param(keys)}::text[], ${param(assignments.map((a) => a.selected.join(',')))}::text[]) as u(key, inspectors)
          join ${objects} o on o.key = u.key
          join enterprises e on e.uscc = o.uscc
          join unnest(${param(regions.map((r) => r.regionCode))}::text[], ${param(orgIds)}::uuid[]) as b(region_code, org_id) on b.region_code = o."regionCode"
          on conflict (draw_id, object_key) do nothing`);
        return;
      }
      // Each task belongs to the competent bureau of its object's region: a handful of regions per draw.
      const { rows: regions } = (await tx.execute(sql`
        select distinct e.region_code as "regionCode" from unnest(${param(keys)}::text[]) as u(key) join enterprises e on e.uscc = u.key`)) as unknown as { rows: { regionCode: string }[] };
      const orgIds: string[] = [];
      for (const r of regions) orgIds.push((await deps.jurisdiction.competentBureau(r.regionCode, tx)).id);
      await tx.execute(sql`
        insert into inspection_tasks (item_id, plan_id, draw_id, origin, object_key, enterprise_id, region_code, org_id, inspector_ids, state, due_on, created_by_name)
        select ${plan.itemId}, ${plan.id}, ${id}, 'draw', u.key, e.id, e.region_code, b.org_id, string_to_array(u.inspectors, ',')::uuid[], 'assigned', ${planDueOn(plan)}, ${byName}
        from unnest(${param(keys)}::text[], ${param(assignments.map((a) => a.selected.join(',')))}::text[]) as u(key, inspectors)
        join enterprises e on e.uscc = u.key
        join unnest(${param(regions.map((r) => r.regionCode))}::text[], ${param(orgIds)}::uuid[]) as b(region_code, org_id) on b.region_code = e.region_code
        on conflict (draw_id, object_key) do nothing`);
    },
  };
}
