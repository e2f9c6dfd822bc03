import { AppError } from '../../platform/http/errors.js';
import type { TargetKind } from './inspections.schema.js';

/**
 * Which items may be planned over which pools: for each item's target kind, the pool kinds whose
 * members it can check. Pools are of kind `enterprise` until the special-equipment and standards
 * modules add pools of theirs (and extend this table): a `licence` item checks an enterprise's
 * licence, so it fits an enterprise pool; `equipment` and `standard_declaration` items fit none yet.
 *
 * A task drawn from an `enterprise` pool has the enterprise's USCC as its object key:
 * tasks/task-access.ts shows an enterprise's account (企业端) its own tasks by
 * `inspection_tasks.object_key` = its USCC. A pool kind whose keys are not USCCs (equipment register
 * numbers…) must give enterprises their tasks another way (e.g. by `enterprise_id`) when it is added.
 */
export const POOL_KINDS_OF_ITEM: Record<TargetKind, readonly TargetKind[]> = {
  enterprise: ['enterprise'],
  licence: ['enterprise'],
  equipment: [],
  standard_declaration: [],
};

/** 400 TARGET_KIND_MISMATCH unless an item of `itemKind` may be planned over a pool of `poolKind`. */
export function assertItemFitsPool(itemKind: TargetKind, poolKind: TargetKind): void {
  if (POOL_KINDS_OF_ITEM[itemKind].includes(poolKind)) return;
  throw new AppError('TARGET_KIND_MISMATCH', `该抽查事项的检查对象（${KIND_NAMES[itemKind]}）与名录库的对象（${KIND_NAMES[poolKind]}）不符`, 400, { field: 'itemId', itemKind, poolKind });
}

const KIND_NAMES: Record<TargetKind, string> = { enterprise: '企业', licence: '许可证', equipment: '特种设备', standard_declaration: '企业标准自我声明' };
