import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RiskNotice, SpotCheckFollowupStage, SpotCheckResult } from './clusters.api';
import './clusters.pages.i18n';

export function StageTag({ stage }: { stage: string }) {
  const { t } = useTranslation();
  const color = stage === 'closed' ? 'green' : stage === 'declined' ? 'default' : stage === 'transferred' ? 'purple' : 'blue';
  return <Tag color={color}>{t(`clusters.stages.${stage}`, { defaultValue: stage })}</Tag>;
}

/** A spot check's final conclusion: 合格 / 不合格. */
export function ConclusionTag({ value }: { value: SpotCheckResult['finalConclusion'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={value === 'pass' ? 'green' : 'red'} data-testid={`spotcheck-${value}`}>
      {t(`clusters.overview.conclusions.${value}`)}
    </Tag>
  );
}

/** The follow-up stage of a failed sample (产品质量法 §17), or a dash. */
export function FollowupTag({ stage }: { stage: SpotCheckFollowupStage | null }) {
  const { t } = useTranslation();
  if (!stage) return <>—</>;
  return <Tag color={stage === 'closed' ? 'default' : stage === 'rechecked_passed' ? 'green' : 'volcano'}>{t(`clusters.overview.followupStages.${stage}`)}</Tag>;
}

const NOTICE_COLORS: Record<RiskNotice['status'], string> = { awaiting_reply: 'gold', replied: 'blue', closed: 'green' };

/** Awaiting the reply past its deadline. */
export const replyOverdue = (n: RiskNotice) => n.overdue;

export function NoticeStatusTag({ notice }: { notice: RiskNotice }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={NOTICE_COLORS[notice.status]}>{t(`clusters.notices.statuses.${notice.status}`)}</Tag>
      {replyOverdue(notice) && (
        <Tag color="red" data-testid="notice-overdue">
          {t('clusters.notices.overdue')}
        </Tag>
      )}
    </>
  );
}

/** A DatePicker's value as the API's China date, or undefined. */
export const isoDate = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);
