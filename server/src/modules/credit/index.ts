/**
 * The credit module's public API: the only file other modules import from it (tests may also
 * import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 */
export type { CreditServices } from './credit.services.js';
export { CREDIT_CLASS_VALUES, RESTRICTION_CODES, type CreditClassValue, type RestrictionCode } from './credit.schema.js';
export { creditListings, creditScores } from './credit.schema.js';
