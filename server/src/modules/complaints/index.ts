/**
 * The complaints module's public API (投诉举报): the only file other modules import from it (tests
 * may also import `./testing.ts`). Everything else in this folder is inner and may change without notice.
 * No other module reads its tables; the counts they need (substantiated complaints of a subject, for
 * the special-equipment tiers and credit) are read functions exported here.
 */
export { COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, type ComplaintChannel, type ComplaintKind, type ComplaintStatus, LINK_TARGETS, type LinkTarget } from './complaints.schema.js';
export type { ComplaintsServices } from './complaints.services.js';
// Read functions for other modules: substantiated complaints and reports per subject enterprise (USCC) received on or after a China
// date (the special-equipment tier's `complaints` factor, credit), and the repeat-subject threshold (≥ 3 in 12 months).
export { REPEAT_SUBJECT_THRESHOLD, substantiatedComplaintCounts, twelveMonthsBefore } from './stats/repeat-subjects.js';
// Read function for other modules: one item's tracking number, kind and day in the actor's scope (the spot-check catalogue's links).
export { complaintRef } from './handling/complaint-ref.js';
export { CREDIT_EVENTS_COMPLAINTS } from './credit-events.js';
