/**
 * The spot-check module's public API: the only file other modules import from it (tests may also
 * import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 */
export type { SpotchecksServices } from './spotchecks.services.js';
export type { SpotcheckLead } from './objections/followups.service.js';
export { RECHECK_OVERDUE_TODO } from './objections/followups.service.js';
export { CREDIT_EVENTS_SPOTCHECKS } from './credit-events.js';
// Read function for other modules: the final spot-check results of enterprises (the cases module's clusters).
export { spotcheckResultsOf, SPOTCHECK_RESULT_YEARS, type SpotcheckResult } from './publication/reads.js';
// Value lists of those results (for other modules' response schemas).
export { CONCLUSIONS as SPOTCHECK_CONCLUSIONS, FOLLOWUP_STAGES as SPOTCHECK_FOLLOWUP_STAGES } from './spotchecks.schema.js';
