/**
 * The licences module's public API: the only file other modules import from it (tests may also
 * import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 *
 * `licences` and `licenceTypes` are exported for reading in SQL joins that must stay in one query
 * (a pool filtered by licence type, a plan's licence items); only this module writes to them.
 */
export { licenceTypes, licences } from './licences.schema.js';
export type { LicenceInput, LicencesService } from './licences.service.js';
export type { LicenceTypesService } from './licence-types.service.js';
export type { FeedbackService } from './feedback/feedback.service.js';
export type { LicenceExits } from './exits/exits.service.js';
export type { LeadsService } from './leads/leads.service.js';
export { PUBLIC_LICENCES_OF_E, PUBLIC_REVOCATIONS_OF_E, type PublicLicence, type PublicRevocation } from './public-reads.js';
export { type LicencesWithHolder, selectLicencesWithHolder } from './licence-reads.js';
export { CREDIT_EVENTS_LICENCES } from './credit-events.js';
