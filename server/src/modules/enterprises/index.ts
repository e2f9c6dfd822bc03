/**
 * The enterprises module's public API: the only file other modules import from it (tests may also
 * import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 *
 * The `enterprises` table is exported for reading in SQL joins (a licence's holder, a task's
 * target, a pool's filter); only this module writes to it.
 */
export { CREDIT_CLASSES, type Contact, type CreditClass, ENTERPRISE_STATUSES, type EnterpriseStatus, enterprises } from './enterprises.schema.js';
export { creditClassUpdate } from './credit-class.js';
export { USCC_ALPHABET, type UsccProblem, completeUscc, normalizeUscc, usccProblem } from './uscc.js';
export { type RegionResolver, STATUS_LABELS, checkDigitProblem, checkRegion, checkUscc } from './enterprise-fields.js';
export type { CreateEnterpriseInput, EnterpriseInput, EnterprisesService } from './enterprises.service.js';
export type { PublicLicence, PublicLookup, PublicRecord, PublicRevocation } from './public-lookup.js';
export { Enterprise as EnterpriseSchema } from './enterprises.routes.js';
