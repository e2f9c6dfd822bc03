/**
 * The states of a licence and the measures that move it between them (seed §三(一)2(2) and
 * §三(三)): normal supervision, warning management, an order to change the registration within a
 * deadline, suspension, and the exits — revocation (吊销), cancellation (注销), withdrawal (撤销)
 * and expiry. An exit is final.
 */
export const LICENCE_STATES = ['normal', 'warning', 'changeOrdered', 'suspended', 'revoked', 'cancelled', 'withdrawn', 'expired'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

/** Targets an officer may ask for; `expired` is reached only when the validity ends (daily job). */
export const TRANSITION_TARGETS = ['normal', 'warning', 'changeOrdered', 'suspended', 'revoked', 'cancelled', 'withdrawn'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

export const STATE_LABELS: Record<LicenceState, string> = {
  normal: '正常监管',
  warning: '警示管理',
  changeOrdered: '责令限期办理变更登记',
  suspended: '暂停',
  revoked: '吊销',
  cancelled: '注销',
  withdrawn: '撤销',
  expired: '有效期届满',
};

const ALLOWED: Record<LicenceState, readonly LicenceState[]> = {
  normal: ['warning', 'changeOrdered', 'suspended', 'revoked', 'cancelled', 'withdrawn', 'expired'],
  warning: ['normal', 'changeOrdered', 'suspended', 'revoked', 'cancelled', 'expired'],
  changeOrdered: ['normal', 'warning', 'suspended', 'revoked', 'cancelled', 'expired'],
  suspended: ['normal', 'revoked', 'cancelled', 'expired'],
  revoked: [],
  cancelled: [],
  withdrawn: [],
  expired: [],
};

export const canTransition = (from: LicenceState, to: LicenceState): boolean => ALLOWED[from].includes(to);
