import { STATUS_LABELS } from '../../enterprises/index.js';
import type { ListingStatus } from '../credit.schema.js';
import type { ArchiveReport } from './archive.service.js';
import type { TimelineArea } from './timeline.js';

/**
 * What the archive's report says, as text rows both renderers (report-docx.ts, report-pdf.ts)
 * print the same way: the title, the internal mark, the enterprise, its credit with the reasons,
 * the summary table, the list status and the timeline.
 */

export const REPORT_TITLE = '企业质量信用档案';
/** Printed at the top of every page: the class and its reasons are for supervision only (国市监信发〔2022〕6号). */
export const INTERNAL_MARK = '内部资料 仅供监管使用';

export const AREA_LABELS: Record<TimelineArea, string> = {
  licence: '许可',
  inspection: '双随机检查',
  spotcheck: '监督抽查',
  equipment: '特种设备',
  complaint: '投诉举报',
  case: '案件与处罚',
  commitment: '信用承诺',
  credit: '信用管理',
};

const LISTING_LABELS: Record<ListingStatus, string> = { proposed: '拟列入', noticed: '已告知，待决定', listed: '已列入', not_listed: '决定不予列入', removed: '已移出' };

const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;

/** A timestamp as China time, e.g. 2026-12-06 20:30. */
export const chinaTime = (d: Date | string) => new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The enterprise as label–value pairs. */
export const enterpriseRows = (r: ArchiveReport): [string, string][] => [
  ['企业名称', r.enterprise.name],
  ['统一社会信用代码', r.enterprise.uscc],
  ['所在地区', r.enterprise.regionName ?? r.enterprise.regionCode],
  ['住所', r.enterprise.address ?? '—'],
  ['法定代表人', r.enterprise.legalRepresentative ?? '—'],
  ['行业代码', r.enterprise.industryCode ?? '—'],
  ['经营状态', STATUS_LABELS[r.enterprise.status] ?? r.enterprise.status],
];

/** The credit class and score as label–value pairs. */
export const creditRows = (r: ArchiveReport): [string, string][] => [
  ['信用风险分类', `${r.credit.class} 类${r.credit.listed ? '（列入严重违法失信名单，按D类管理）' : ''}`],
  ['信用评分', r.credit.score.toFixed(2)],
  ['评价模型版本', `第${r.credit.modelVersion}版`],
  ['评定时间', chinaTime(r.credit.computedAt)],
  ['人工调整', r.credit.overrideUntil ? `有效至 ${r.credit.overrideUntil}` : '无'],
];

/** The reasons of the score: what, points. */
export const reasonRows = (r: ArchiveReport): string[][] => r.credit.reasons.map((x) => [x.detail, x.points > 0 ? `+${x.points.toFixed(2)}` : x.points.toFixed(2)]);

/** The summary table: area, item, figure. */
export function summaryRows(r: ArchiveReport): string[][] {
  const s = r.summary;
  return [
    ['许可', '有效许可证 / 被吊销或撤销', `${s.licences.valid} / ${s.licences.revoked}`],
    ['双随机检查', '未发现问题 / 发现问题 / 查无下落', `${s.inspections.passed} / ${s.inspections.problems} / ${s.inspections.notFound}`],
    ['监督抽查', '合格 / 不合格', `${s.spotchecks.passed} / ${s.spotchecks.failed}`],
    ['特种设备', '在用及停用设备 / 超期未检 / 未整改隐患', `${s.equipment.units} / ${s.equipment.overdue} / ${s.equipment.openHazards}`],
    ['投诉举报', '属实 / 其他结果', `${s.complaints.substantiated} / ${s.complaints.other}`],
    ['案件与处罚', '行政处罚决定（罚没金额合计）', `${s.cases.penalties}（${yuan(s.cases.finesTotal)}）`],
    ['案件与处罚', '移送公安 / 近3年公示的处罚', `${s.cases.transferred} / ${s.cases.publishedRecently}`],
    ['信用承诺', '有效承诺', String(s.commitments.inForce)],
    ['信用管理', '第三方信用评价', s.rating ? `${s.rating.grade}（${s.rating.evaluatorName}，${s.rating.ratedOn}评定，有效至${s.rating.validUntil}）` : '无'],
    ['信用管理', '联合惩戒部门反馈', String(s.feedback)],
  ];
}

/** The list status in one sentence. */
export function listingText(r: ArchiveReport): string {
  const l = r.summary.listing;
  if (!l) return '未列入严重违法失信名单，无列入程序。';
  const period = l.listedOn ? `，列入期间 ${l.listedOn} 至 ${l.until ?? '—'}` : '';
  return `严重违法失信名单（${l.listingNo}）：${LISTING_LABELS[l.status]}${period}。事由：${l.reason}`;
}

/** The timeline's heading note: its period and whether it was cut at the report's limit. */
export function timelineNote(r: ArchiveReport): string {
  const period = r.from ? `${r.from} 以来` : '全部';
  const cut = r.timelineTotal > r.timeline.length ? `，共 ${r.timelineTotal} 条，仅列出最近 ${r.timeline.length} 条` : `，共 ${r.timelineTotal} 条`;
  return `时间范围：${period}${cut}（按日期由近及远）。`;
}

/** The timeline: date, area, what. */
export const timelineRows = (r: ArchiveReport): string[][] => r.timeline.map((t) => [t.on, AREA_LABELS[t.area] ?? t.area, t.title]);

/** The report's file name (Chinese) and its ASCII fallback. */
export const reportFileNames = (uscc: string, format: 'docx' | 'pdf') => ({ name: `信用档案-${uscc}.${format}`, ascii: `credit-archive-${uscc}.${format}` });
