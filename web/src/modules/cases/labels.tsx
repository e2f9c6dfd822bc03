/** Tags, the due-date cell and the option lists shared by the case pages. */
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { UncertainMark } from '../../app/components/UncertainMark';
import { formatDate, todayInChina } from '../../app/format';
import { CASE_STAGES, LEAD_SOURCES, type CaseStage, type LeadSource } from './cases.api';

const STAGE_COLOR: Record<CaseStage, string> = {
  lead: 'gold',
  declined: 'default',
  investigating: 'blue',
  reviewing: 'geekblue',
  notified: 'cyan',
  hearing: 'purple',
  decided: 'volcano',
  served: 'orange',
  executing: 'magenta',
  closed: 'green',
  transferred: 'red',
};

export function StageTag({ stage }: { stage: CaseStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLOR[stage]} data-testid="case-stage">
      {t(`cases.stages.${stage}`)}
    </Tag>
  );
}

/** 督办 / 联办 / 移送 flags of a case. */
export function CaseFlags({ supervised, joint, transferred }: { supervised: boolean; joint: boolean; transferred: boolean }) {
  const { t } = useTranslation();
  if (!supervised && !joint && !transferred) return null;
  return (
    <Space size={0} wrap>
      {supervised && <Tag color="red" data-testid="flag-supervised">{t('cases.flagNames.supervised')}</Tag>}
      {joint && <Tag color="blue" data-testid="flag-joint">{t('cases.flagNames.joint')}</Tag>}
      {transferred && <Tag color="purple" data-testid="flag-transferred">{t('cases.flagNames.transferred')}</Tag>}
    </Space>
  );
}

/** A due date: red when past (or `overdue` says so), ⚠ when counted over a year without holiday data. */
export function DueDate({ dueOn, certain, overdue, done = false }: { dueOn: string | null | undefined; certain?: boolean | null; overdue?: boolean; done?: boolean }) {
  const { t } = useTranslation();
  if (!dueOn) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const past = !done && (overdue ?? dueOn < todayInChina().format('YYYY-MM-DD'));
  const date = (
    <span style={{ color: past ? '#cf1322' : undefined, fontWeight: past ? 600 : undefined }} data-overdue={past ? 'true' : undefined}>
      {formatDate(dueOn)}
    </span>
  );
  return (
    <Space size={4} wrap={false} data-testid="case-due">
      {past ? <Tooltip title={t('cases.overdue')}>{date}</Tooltip> : date}
      <UncertainMark certain={certain} />
    </Space>
  );
}

export function useStageOptions() {
  const { t } = useTranslation();
  return CASE_STAGES.map((s) => ({ value: s, label: t(`cases.stages.${s}`) }));
}

export function useSourceOptions() {
  const { t } = useTranslation();
  return LEAD_SOURCES.map((s) => ({ value: s, label: t(`cases.sources.${s}`) }));
}

export const sourceLabel = (t: TFunction, s: LeadSource) => t(`cases.sources.${s}`);

/** Yuan, e.g. ¥5,000.00. */
export const yuan = (v: number | string | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : `¥${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The text of a failed case call: the meaning of the contract's error codes in the UI's language,
 * with the server's own (Chinese) message when it says more; else the server's message. Thrown
 * again as an ApiError so the dialogs' error toast shows it.
 */
export function explained(err: unknown, t: TFunction): unknown {
  if (!(err instanceof ApiError)) return err;
  const key = `cases.errors.${err.code}`;
  const known = t(key, { defaultValue: '' });
  if (!known) return err;
  const text = err.message && err.message !== known && !/^HTTP_/.test(err.message) ? t('common.withNote', { text: known, note: err.message }) : known;
  return new ApiError(err.status, err.code, text, err.details);
}

/** Text an officer typed: shown as text, line breaks kept. */
export function Text({ children }: { children: string | null | undefined }) {
  const { t } = useTranslation();
  if (!children) return <>{t('common.none')}</>;
  return <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{children}</div>;
}

