/**
 * The inspections module's public API: the only file other modules import from it (tests may also
 * import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 * No module reads its tables today; export them here when one must. Other modules provide pool
 * kinds (`PoolKindProvider`: special-equipment units and user units), wired in app.ts.
 */
export { TARGET_KINDS, type TargetKind } from './inspections.schema.js';
export { POOL_KINDS_OF_ITEM } from './target-kinds.js';
export type { InspectionItemsService } from './items/items.service.js';
export type { InspectorsService } from './inspectors/inspectors.service.js';
export type { PoolsService } from './pools/pools.service.js';
export type { PlansService } from './plans/plans.service.js';
export type { DrawsService } from './draws/draws.service.js';
export type { TasksService } from './tasks/tasks.service.js';
export type { RectificationService } from './tasks/rectification.service.js';
export { POOL_KINDS, type PoolKind, type PoolFilter } from './inspections.schema.js';
export { type PoolKindProvider, type KindTask, KIND_NAMES } from './target-kinds.js';
export { TIER_STRATA, KEY_STRATUM, KEY_UNIT_RATIO } from './plans/strata.js';
// Read functions for other modules (the cases module's campaigns and clusters): a plan's task counts, enterprises' completed results.
export { planTaskSummary, inspectionResultsOf, type PlanTaskSummary, type TaskCounts, type InspectionResult } from './reads.js';
// A verifiable choice on the draw engine (`zhijian-draw/2`, no inspectors) for other modules: spot checks' lot draws and tie-breaks.
export { commitChoice, revealChoice, type ChoiceStratum, type StoredChoice, type ChoiceRecord } from './draw/choice.js';
export { CREDIT_EVENTS_INSPECTIONS } from './credit-events.js';
