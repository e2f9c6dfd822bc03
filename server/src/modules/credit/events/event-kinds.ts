/**
 * The kinds of credit events (信用事件): every source module's `CREDIT_EVENTS_*` and the credit
 * module's own sources yield rows of these kinds only (COMMON names; see ../README.md).
 */
export const CREDIT_EVENT_KINDS = [
  'licence.issued',
  'licence.revoked',
  'licence.withdrawn',
  'licence.warning',
  'licence.change_ordered',
  'inspection.passed',
  'inspection.problems',
  'inspection.not_found',
  'spotcheck.passed',
  'spotcheck.failed',
  'spotcheck.not_corrected',
  'equipment.overdue',
  'equipment.hazard_general',
  'equipment.hazard_major',
  'equipment.accident',
  'complaint.substantiated',
  'complaint.closed',
  'case.penalty',
  'case.transferred',
  'case.transfer_not_accepted',
  'case.published',
  'commitment.made',
  'commitment.withdrawn',
  'credit.listed',
  'credit.rating',
  'credit.feedback',
] as const;

export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];
