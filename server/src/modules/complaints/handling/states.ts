import type { ComplaintKind, ComplaintStatus } from '../complaints.schema.js';

/** The contract's actions (`POST /api/complaints/:id/actions`). */
export const COMPLAINT_ACTIONS = ['accept', 'refuse', 'route', 'mediate', 'verify', 'extend', 'notify_reporter', 'close', 'link'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/**
 * The state machine, per kind (handling/README.md explains each step):
 * - complaint (投诉): received → accept (within 7 working days; refused when over 3 years old) →
 *   accepted → mediate → mediating (the subject enterprise's account sees it and answers) →
 *   close (mediation agreed / failed, by 45 working days after acceptance) → closed.
 * - report (举报): received → accept (受理: the lead's check starts, 15 working days from receipt)
 *   → verifying → extend (+15, once, section head) → verify (属实 or not, case opened or not: the
 *   decision; a named reporter is told within 5 working days) → notify_reporter → close → closed.
 * - enquiry / suggestion (咨询 / 建议): received → close (the answer) → closed.
 * Any open item may be re-routed (`route`) and linked (`link`); `refuse` ends a complaint or a
 * report that is not accepted (refused is final, its reason is the public result).
 */
const TABLE: Record<ComplaintKind, Partial<Record<ComplaintStatus, readonly ComplaintAction[]>>> = {
  complaint: {
    received: ['accept', 'refuse', 'route', 'link'],
    accepted: ['mediate', 'close', 'route', 'link'],
    mediating: ['close', 'route', 'link'],
  },
  report: {
    received: ['accept', 'refuse', 'route', 'link'],
    verifying: ['verify', 'extend', 'notify_reporter', 'close', 'route', 'link'],
  },
  enquiry: { received: ['close', 'route', 'link'] },
  suggestion: { received: ['close', 'route', 'link'] },
};

/** Actions the state allows (before the finer checks of each action: an extension only once, notify only after the decision, …). */
export const actionsFor = (kind: ComplaintKind, status: ComplaintStatus): readonly ComplaintAction[] => TABLE[kind][status] ?? [];

export const isOpen = (status: ComplaintStatus) => status !== 'closed' && status !== 'refused';
