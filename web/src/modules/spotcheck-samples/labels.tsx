import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulletinStatus, Conclusion, FollowupStage, ObjectionStatus, SampleStatus } from './spotcheckSamples.api';

const SAMPLE_COLORS: Record<SampleStatus, string> = { drawn: 'default', assigned: 'processing', sampled: 'cyan', reported: 'purple', closed: 'default' };
const OBJECTION_COLORS: Record<ObjectionStatus, string> = { filed: 'orange', accepted: 'processing', refused: 'default', retested: 'purple' };
const BULLETIN_COLORS: Record<BulletinStatus, string> = { draft: 'default', published: 'green', withdrawn: 'red' };

export function SampleStatusTag({ status }: { status: SampleStatus }) {
  const { t } = useTranslation();
  return <Tag color={SAMPLE_COLORS[status]}>{t(`spotcheckSamples.statuses.${status}`)}</Tag>;
}

/** 合格 / 不合格, or a dash; `final` adds 最终 to the tag. */
export function ConclusionTag({ value, final }: { value: Conclusion | null | undefined; final?: boolean }) {
  const { t } = useTranslation();
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={value === 'pass' ? 'green' : 'red'} data-testid={`conclusion-${value}`}>
      {final ? `${t('spotcheckSamples.final')}·` : ''}
      {t(`spotcheckSamples.conclusions.${value}`)}
    </Tag>
  );
}

export function ObjectionStatusTag({ status }: { status: ObjectionStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <Tag color={OBJECTION_COLORS[status]}>{t(`spotcheckSamples.objectionStatuses.${status}`)}</Tag>;
}

export function StageTag({ stage, overdue }: { stage: FollowupStage | null | undefined; overdue?: boolean }) {
  const { t } = useTranslation();
  if (!stage) return null;
  return (
    <>
      <Tag color={stage === 'closed' ? 'default' : stage === 'rechecked_passed' ? 'green' : 'volcano'}>{t(`spotcheckSamples.stages.${stage}`)}</Tag>
      {overdue && <Tag color="red">{t('spotcheckSamples.overdue')}</Tag>}
    </>
  );
}

export function BulletinStatusTag({ status }: { status: BulletinStatus }) {
  const { t } = useTranslation();
  return <Tag color={BULLETIN_COLORS[status]}>{t(`spotcheckSamples.bulletinStatuses.${status}`)}</Tag>;
}

export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
