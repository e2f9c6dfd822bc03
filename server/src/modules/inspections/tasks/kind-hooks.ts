import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { enterprises } from '../../enterprises/index.js';
import { inspectionItems, inspectionPlans, objectPools } from '../inspections.schema.js';
import type { PoolsService } from '../pools/pools.service.js';
import type { KindTask, PoolKindProvider } from '../target-kinds.js';
import type { TaskRow } from './task-access.js';

/** What the task services need to find a task's pool kind: the pools service (its providers). */
export type KindHooksDeps = { pools?: Pick<PoolsService, 'providerOf'> };

/**
 * The hooks of the pool kind a task was drawn from (special-equipment units and user units: their
 * findings become hazards), with the task as they see it; null for tasks of enterprise pools, tasks
 * without a draw, or a kind without hooks.
 */
export async function kindHooksOf(tx: Db, deps: KindHooksDeps, task: TaskRow, changed: { findings?: TaskRow['findings']; inspectedOn?: string | null } = {}): Promise<{ hooks: NonNullable<PoolKindProvider['hooks']>; task: KindTask } | null> {
  if (!task.planId || !deps.pools) return null;
  const [row] = await tx
    .select({ targetKind: objectPools.targetKind, uscc: enterprises.uscc, itemName: inspectionItems.name })
    .from(inspectionPlans)
    .innerJoin(objectPools, eq(objectPools.id, inspectionPlans.poolId))
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionPlans.itemId))
    .innerJoin(enterprises, eq(enterprises.id, task.enterpriseId))
    .where(eq(inspectionPlans.id, task.planId));
  if (!row || row.targetKind === 'enterprise') return null;
  const hooks = deps.pools.providerOf(row.targetKind)?.hooks;
  if (!hooks) return null;
  return {
    hooks,
    task: {
      id: task.id,
      objectKey: task.objectKey,
      uscc: row.uscc,
      regionCode: task.regionCode,
      itemName: row.itemName,
      inspectedOn: changed.inspectedOn ?? task.inspectedOn ?? '',
      findings: changed.findings ?? task.findings,
    },
  };
}
