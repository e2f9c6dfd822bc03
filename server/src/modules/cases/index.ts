/**
 * The cases module's public API: the only file other modules import from it (tests may also
 * import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 */
export { CASE_STAGES, LEAD_SOURCES, PENALTY_TYPES, type CaseStage, type LeadSource, type PenaltyType } from './cases.schema.js';
export { PRODUCT_CATEGORIES, type ProductCategory } from './campaigns/campaigns.schema.js';
export type { CasesServices } from './cases.services.js';
// Read function for other modules: one case's number, stage and day in the actor's scope (the spot-check catalogue's links).
export { caseRef } from './lifecycle/case-ref.js';
// Read function for the credit module's dishonest list: a case's penalty and payment, an enterprise's decisions since a day;
// and the decided cases with a penalty of given types (SQL), for what makes a penalty 较重.
export { decidedCasesWithPenaltyTypes, penaltyDecisions } from './lifecycle/penalty-decisions.js';
export { CREDIT_EVENTS_CASES } from './credit-events.js';
// The published penalties' count of an enterprise row `e`, for the portal's open-data file.
export { PUBLIC_PENALTY_COUNT_OF_E } from './publication/public-reads.js';
