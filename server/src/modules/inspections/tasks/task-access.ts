import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import { enterprises } from '../../enterprises/index.js';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type TaskState, inspectionTasks } from './tasks.schema.js';

export type TaskRow = typeof inspectionTasks.$inferSelect;

/**
 * The states in which an enterprise's account sees its own task: completed or published (the
 * result), or under an open rectification order (rectifying, rechecking) — never while the check
 * is under way (its draft answers) or between the check and its result.
 */
export const ENTERPRISE_VISIBLE_STATES: readonly TaskState[] = ['rectifying', 'rechecking', 'completed', 'published'];

/**
 * The tasks of one enterprise (by USCC): those whose `enterprise_id` is its — the enterprise checked
 * itself, or the user unit (使用单位) of a special-equipment unit drawn from an equipment pool (the
 * object key is then the equipment code, not the USCC).
 */
export const tasksOfEnterprise = (uscc: string): SQL => sql`${inspectionTasks.enterpriseId} = (select ${enterprises.id} from ${enterprises} where ${enterprises.uscc} = ${uscc})`;

/**
 * Tasks the actor may see: the competent bureau's region or org (data scope); an enterprise's
 * account, its own tasks (tasksOfEnterprise) in ENTERPRISE_VISIBLE_STATES.
 */
export const taskScope = (actor: Actor) => {
  if (actor.dataScope === 'enterprise') {
    return actor.enterpriseUscc ? and(tasksOfEnterprise(actor.enterpriseUscc), inArray(inspectionTasks.state, [...ENTERPRISE_VISIBLE_STATES])) : sql`false`;
  }
  const scope = visibleTo(actor, { regionCode: inspectionTasks.regionCode, orgId: inspectionTasks.orgId });
  return actor.enterpriseUscc ? and(scope, inArray(inspectionTasks.state, [...ENTERPRISE_VISIBLE_STATES])) : scope;
};

/** One task of the enterprise the actor acts for, in any state (locked for update); another enterprise's reads as missing. */
export async function findOwnTask(tx: Db, actor: Actor, id: string, opts: { forUpdate?: boolean; expected?: ExpectedVersion } = {}): Promise<TaskRow> {
  if (!actor.enterpriseUscc) throw notFound('检查任务');
  const query = tx.select().from(inspectionTasks).where(and(eq(inspectionTasks.id, id), tasksOfEnterprise(actor.enterpriseUscc)));
  const [task] = opts.forUpdate ? await query.for('update') : await query;
  if (!task) throw notFound('检查任务');
  if (opts.expected) assertVersion(opts.expected, task.version);
  return task;
}

/**
 * One task in the actor's scope (locked for update when changed); out of scope reads as missing.
 * `expected`: the version the client changes (If-Match), checked under the lock.
 */
export async function findTask(tx: Db, actor: Actor, id: string, opts: { forUpdate?: boolean; expected?: ExpectedVersion } = {}): Promise<TaskRow> {
  const query = tx.select().from(inspectionTasks).where(and(eq(inspectionTasks.id, id), taskScope(actor)));
  const [task] = opts.forUpdate ? await query.for('update') : await query;
  if (!task) throw notFound('检查任务');
  if (opts.expected) assertVersion(opts.expected, task.version);
  return task;
}

/** Only the task's own inspectors carry out the check. */
export function requireAssigned(actor: Actor, task: TaskRow) {
  if (!actor.permissions.has('inspection.perform') || !actor.userId || !task.inspectorIds.includes(actor.userId)) {
    throw new AppError('NOT_ASSIGNED', '只有分派到本任务的检查人员可以执行此操作', 403);
  }
}

/** An assigned inspector, or an officer who plans inspections acting on the enterprise's behalf. */
export function requireAssignedOrOfficer(actor: Actor, task: TaskRow) {
  if (actor.permissions.has('inspection.plan')) return;
  if (actor.userId && actor.permissions.has('inspection.perform') && task.inspectorIds.includes(actor.userId)) return;
  throw forbidden('只有本任务的检查人员或负责抽查的工作人员可以代企业报告整改');
}

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  assigned: '待检查',
  in_progress: '检查中',
  inspected: '已检查',
  rectifying: '整改中',
  rechecking: '待复查',
  completed: '已完成',
  published: '已公示',
};

/** The task must be in one of these states for the step asked. */
export function requireState(task: TaskRow, allowed: readonly TaskState[], step: string) {
  if (!allowed.includes(task.state)) {
    throw new AppError('TASK_STATE', `任务当前为“${TASK_STATE_LABELS[task.state]}”，不能${step}`, 409, { state: task.state, allowed });
  }
}
