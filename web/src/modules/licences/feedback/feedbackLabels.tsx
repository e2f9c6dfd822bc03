import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WorkingDayDate } from '../../../app/components/UncertainMark';
import { formatDate } from '../../../app/format';
import type { Feedback, FeedbackKind } from './feedback.api';
import './feedback.pages.i18n';

// A Record makes the compiler insist on every kind (and its keys list them for the filter).
const KIND_COLOR: Record<FeedbackKind, string> = {
  licence_revoked: 'red',
  licence_suspended: 'volcano',
  conditions_changed: 'orange',
  closure_decision: 'magenta',
  serious_violation: 'red',
  other: 'default',
};

export function FeedbackKindTag({ kind }: { kind: FeedbackKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOR[kind]}>{t(`feedback.kinds.${kind}`)}</Tag>;
}

export function useFeedbackKindOptions() {
  const { t } = useTranslation();
  return (Object.keys(KIND_COLOR) as FeedbackKind[]).map((k) => ({ value: k, label: t(`feedback.kinds.${k}`) }));
}

/** Open or decided (with the decision); an open notice past its deadline gets a red 已超期 tag. */
export function FeedbackStatusTag({ item }: { item: Pick<Feedback, 'decision' | 'overdue'> }) {
  const { t } = useTranslation();
  if (item.decision) return <Tag color="default">{t(`feedback.decisions.${item.decision}`)}</Tag>;
  return (
    <Space size={0}>
      <Tag color="blue">{t('feedback.statuses.open')}</Tag>
      {item.overdue && (
        <Tag color="red" data-testid="feedback-overdue">
          {t('feedback.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** The handling deadline; red while the notice is overdue, marked (⚠) when the calendar could not be sure. */
export function DueDate({ item }: { item: Pick<Feedback, 'dueOn' | 'dueCertain' | 'overdue'> }) {
  const date = formatDate(item.dueOn);
  return <WorkingDayDate certain={item.dueCertain}>{item.overdue ? <Typography.Text type="danger">{date}</Typography.Text> : date}</WorkingDayDate>;
}
