import type { CaseAction, CaseStage } from '../cases.schema.js';

/** The stages as the UI and messages name them. */
export const STAGE_LABELS: Record<CaseStage, string> = {
  lead: '线索',
  declined: '不予立案',
  investigating: '调查取证',
  reviewing: '案件审核',
  notified: '已告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达',
  executing: '执行中',
  closed: '已结案',
  transferred: '已移送',
};

/** The actions as messages name them. */
export const ACTION_LABELS: Record<CaseAction, string> = {
  open: '立案',
  decline: '不予立案',
  add_evidence: '登记证据',
  submit_review: '提交审核',
  review: '法制审核',
  notify: '告知',
  record_defence: '记录陈述申辩',
  hold_hearing: '举行听证',
  decide: '作出处罚决定',
  serve: '送达',
  record_payment: '登记缴款',
  apply_enforcement: '申请强制执行',
  close: '结案',
  extend: '延期',
  transfer: '移送公安',
  supervise: '督办',
  report_progress: '报告进展',
  add_party: '增加联办单位',
};
