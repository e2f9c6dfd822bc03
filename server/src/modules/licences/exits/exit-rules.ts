import type { ExitKind, ExitOutcome, ExitStage, ExitTriggerSource, LawArea } from './exits.schema.js';

/**
 * The three exit workflows of seed §三(三) as data: who may trigger each, where it starts, and
 * which decisions end it. The UI is told the allowed outcomes and keeps no copy of these rules.
 */

export const KIND_LABELS: Record<ExitKind, string> = {
  conditions_lost: '不再具备许可条件',
  closure: '当地政府或有关部门关闭决定',
  serious_violation: '有关部门认定严重违法',
};

export const LAW_AREA_LABELS: Record<LawArea, string> = {
  price: '价格',
  tax: '税收',
  real_estate: '房地产',
  product_quality: '产品质量',
  labour: '劳动保障',
};

export const OUTCOME_LABELS: Record<ExitOutcome, string> = { revoked: '吊销许可证', cancelled: '注销许可证', dismissed: '不予吊销或注销' };

/**
 * Who may report each case (§三(三)1: a complaint or a department; 2: the local government or a
 * department's closure decision; 3: another department's finding); `feedback` is a department's
 * notice that came in through the feedback queue.
 */
export const TRIGGER_SOURCES_OF: Record<ExitKind, readonly ExitTriggerSource[]> = {
  conditions_lost: ['complaint', 'department', 'feedback'],
  closure: ['government', 'department', 'feedback'],
  serious_violation: ['department', 'feedback'],
};

/** Only a report that the holder no longer meets the conditions needs an investigation first. */
export const startStage = (kind: ExitKind): ExitStage => (kind === 'conditions_lost' ? 'investigating' : 'deciding');

/** The longest investigation period an officer may set, in working days. */
export const MAX_INVESTIGATION_WORKING_DAYS = 120;

/**
 * The decisions that may end a procedure waiting for one: revocation only when the investigation
 * found no justified reason (and dismissal only when it found one); a closure decision leads to
 * cancellation or revocation (§三(三)2 "依法办理注销登记，或者吊销其相应许可资质"); a serious violation to
 * revocation; either may be dismissed.
 */
export function allowedOutcomes(exit: { kind: ExitKind; stage: ExitStage; justifiedReason: boolean | null; transitionId: string | null }): ExitOutcome[] {
  if (exit.stage !== 'deciding' || exit.transitionId) return [];
  switch (exit.kind) {
    case 'conditions_lost':
      if (exit.justifiedReason === null) return [];
      return exit.justifiedReason ? ['dismissed'] : ['revoked'];
    case 'closure':
      return ['cancelled', 'revoked', 'dismissed'];
    case 'serious_violation':
      return ['revoked', 'dismissed'];
  }
}
