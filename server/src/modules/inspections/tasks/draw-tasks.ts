import { param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import type { DrawTasks } from '../draws/draws.service.js';

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** The last day of a plan's last quarter: the day its tasks are due. */
export const planDueOn = (plan: { year: number; quarters: readonly number[] }) => `${plan.year}-${QUARTER_ENDS[Math.max(...plan.quarters) - 1]}`;

/**
 * The tasks side of a draw: who inspected an object last time (for the avoidance rule) and one
 * task per selected object. Both are set-based statements with one array parameter per column, as
 * a draw may select a hundred thousand objects.
 */
export function makeDrawTasks(deps: { jurisdiction: JurisdictionService }): DrawTasks {
  return {
    async lastInspectors(tx, itemId, objectKeys) {
      const last = new Map<string, Set<string>>();
      if (objectKeys.length === 0) return last;
      const { rows } = (await tx.execute(sql`
        select distinct on (object_key) object_key as "key", inspector_ids as "inspectors"
        from inspection_tasks
        where item_id = ${itemId} and object_key = any(${param(objectKeys)}::text[])
        order by object_key, created_at desc`)) as unknown as { rows: { key: string; inspectors: string[] }[] };
      for (const r of rows) last.set(r.key, new Set(r.inspectors));
      return last;
    },

    async createFromDraw(tx: Db, { id, plan, record, regionOf, byName }) {
      const bureauOf = new Map<string, string>();
      const keys: string[] = [];
      const orgIds: string[] = [];
      const inspectors: string[] = [];
      for (const a of record.assignments) {
        const region = regionOf.get(a.objectKey) ?? plan.regionCode;
        let org = bureauOf.get(region);
        if (!org) {
          org = (await deps.jurisdiction.competentBureau(region, tx)).id;
          bureauOf.set(region, org);
        }
        keys.push(a.objectKey);
        orgIds.push(org);
        inspectors.push(a.selected.join(','));
      }
      if (keys.length === 0) return;
      await tx.execute(sql`
        insert into inspection_tasks (item_id, plan_id, draw_id, origin, object_key, enterprise_id, region_code, org_id, inspector_ids, state, due_on, created_by_name)
        select ${plan.itemId}, ${plan.id}, ${id}, 'draw', u.key, e.id, e.region_code, u.org_id, string_to_array(u.inspectors, ',')::uuid[], 'assigned', ${planDueOn(plan)}, ${byName}
        from unnest(${param(keys)}::text[], ${param(orgIds)}::uuid[], ${param(inspectors)}::text[]) as u(key, org_id, inspectors)
        join enterprises e on e.uscc = u.key`);
    },
  };
}
