import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import type { Finding } from './tasks/tasks.schema.js';
import type { PoolFilter, PoolKind, TargetKind } from './inspections.schema.js';

/**
 * Which items may be planned over which pools: for each item's target kind, the pool kinds whose
 * members it can check. A `licence` item checks an enterprise's licence, so it fits an enterprise
 * pool; an `enterprise` item also fits a pool of special-equipment user units (`equipment_user`:
 * enterprises that use units, keyed by USCC); an `equipment` item fits only pools of units
 * (`equipment`, keyed by equipment code); `standard_declaration` items fit none yet.
 *
 * A task's enterprise is `inspection_tasks.enterprise_id` whatever its object: the enterprise
 * itself, or the user unit (使用单位) of a drawn unit. tasks/task-access.ts shows an enterprise's
 * account (企业端) its own tasks by that column, not by the object key.
 */
export const POOL_KINDS_OF_ITEM: Record<TargetKind, readonly PoolKind[]> = {
  enterprise: ['enterprise', 'equipment_user'],
  licence: ['enterprise'],
  equipment: ['equipment'],
  standard_declaration: [],
};

/** 400 TARGET_KIND_MISMATCH unless an item of `itemKind` may be planned over a pool of `poolKind`. */
export function assertItemFitsPool(itemKind: TargetKind, poolKind: PoolKind): void {
  if (POOL_KINDS_OF_ITEM[itemKind].includes(poolKind)) return;
  throw new AppError('TARGET_KIND_MISMATCH', `该抽查事项的检查对象（${KIND_NAMES[itemKind]}）与名录库的对象（${KIND_NAMES[poolKind]}）不符`, 400, { field: 'itemId', itemKind, poolKind });
}

export const KIND_NAMES: Record<TargetKind | PoolKind, string> = { enterprise: '企业', licence: '许可证', equipment: '特种设备', standard_declaration: '企业标准自我声明', equipment_user: '特种设备使用单位' };

/** What a pool kind's hooks learn of a task of theirs: the object, the enterprise it goes to, what was found. */
export interface KindTask {
  id: string;
  objectKey: string;
  /** The USCC of the task's enterprise (the user unit of a drawn unit). */
  uscc: string;
  regionCode: string;
  itemName: string;
  inspectedOn: string;
  findings: readonly Finding[];
}

/**
 * A pool kind other than `enterprise`, provided by the module that keeps its register and wired in
 * app.ts (the inspections module knows no table of it). Its SQL is raw text over its own tables.
 */
export interface PoolKindProvider {
  kind: Exclude<PoolKind, 'enterprise'>;
  /** The strata of its draws, in order (plans/strata.ts: TIER_STRATA). */
  strata: readonly string[];
  /** Checks a pool's filter (unknown keys, values) within the pool's region; answers the clean filter. */
  checkFilter(tx: Db, filter: PoolFilter, regionCode: string): Promise<PoolFilter>;
  /** A SELECT of the pool's members, columns `key` (text, unique, no line break) and `stratum` (one of `strata`). */
  members(pool: { regionCode: string; filter: PoolFilter }): SQL;
  /**
   * A SELECT of the objects of the given keys (`keys`: a text[] parameter), columns `key`,
   * `regionCode` (the object's region: the competent bureau, the inspectors' region), `uscc` (the
   * enterprise of the register the task goes to; objects whose enterprise is not registered are
   * left out) and `name` (for display).
   */
  objects(keys: SQL): SQL;
  /**
   * Called in the task's transaction: after its checklist is submitted, after a rectification order
   * is issued on it, after the order's re-check.
   */
  hooks?: {
    inspected?(tx: Db, ctx: RequestContext & { actor: Actor }, task: KindTask): Promise<void>;
    ordered?(tx: Db, ctx: RequestContext & { actor: Actor }, task: KindTask, order: { id: string; documentNo: string; dueOn: string }): Promise<void>;
    rechecked?(tx: Db, ctx: RequestContext & { actor: Actor }, task: KindTask, order: { id: string; passed: boolean; recheckedOn: string }): Promise<void>;
  };
}

/** The providers by kind (`enterprise` is the inspections module's own and has none). */
export type PoolKinds = ReadonlyMap<PoolKind, PoolKindProvider>;

export const poolKindsOf = (providers: readonly PoolKindProvider[] = []): PoolKinds => new Map(providers.map((p) => [p.kind, p]));
