import type { ComplaintChannel, ComplaintKind, ComplaintStatus, DeadlineKind } from '../complaints.schema.js';

/** Chinese labels of the exports (the web has its own in its i18n file). */
export const KIND_LABELS: Record<ComplaintKind, string> = { complaint: '投诉', report: '举报', enquiry: '咨询', suggestion: '建议' };
export const CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  web: '网站',
  open311: 'Open311 应用',
  phone: '电话',
  letter: '来信',
  visit: '来访',
  transfer_12315: '12315 转办',
  transfer_agency: '其他部门转办',
};
export const STATUS_LABELS: Record<ComplaintStatus, string> = { received: '已登记', accepted: '已受理', refused: '不予受理', mediating: '调解中', verifying: '核查中', closed: '已办结' };
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  accept: '投诉受理决定（7 个工作日）',
  mediation: '调解终结（45 个工作日）',
  verify: '举报核查（15 个工作日，可延长 15 个）',
  notify: '告知举报人（5 个工作日）',
};

/** A moment as China's wall-clock time, `YYYY-MM-DD HH:mm`. */
export const chinaDateTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
