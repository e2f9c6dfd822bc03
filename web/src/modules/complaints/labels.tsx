/** Tags, the clock cell and the topic/category look-ups shared by the complaints pages. */
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, complaintsApi, type Category, type ComplaintKind, type ComplaintStatus, type Deadline, type RewardStatus, type Topic } from './complaints.api';

const KIND_COLOR: Record<ComplaintKind, string> = { complaint: 'blue', report: 'purple', enquiry: 'cyan', suggestion: 'geekblue' };
const STATUS_COLOR: Record<ComplaintStatus, string> = { received: 'gold', accepted: 'blue', mediating: 'cyan', verifying: 'processing', refused: 'default', closed: 'green' };
const REWARD_COLOR: Record<RewardStatus, string> = { proposed: 'gold', approved: 'blue', rejected: 'default', paid: 'green' };

export const complaintPath = (id: string) => `/complaints/${encodeURIComponent(id)}`;

export function KindTag({ kind }: { kind: ComplaintKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOR[kind]}>{t(`complaints.kinds.${kind}`)}</Tag>;
}

export function StatusTag({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`complaints.statuses.${status}`)}</Tag>;
}

export function UrgentTag({ urgent }: { urgent: boolean }) {
  const { t } = useTranslation();
  return urgent ? <Tag color="red" data-testid="urgent-tag">{t('complaints.urgent')}</Tag> : null;
}

export function RewardStatusTag({ status }: { status: RewardStatus }) {
  const { t } = useTranslation();
  return <Tag color={REWARD_COLOR[status]}>{t(`complaints.rewardStatuses.${status}`)}</Tag>;
}

/** Near: 2 working days or fewer before the due date (the server's `near` when it says; else ≤ 2 days on the calendar, weekends counted). */
export type ClockBand = 'past' | 'near' | 'ok' | 'done';

export function clockBand(d: Pick<Deadline, 'dueOn' | 'state'> & { near?: boolean }, today = todayInChina().format('YYYY-MM-DD')): ClockBand {
  if (d.state !== 'open' && d.state !== 'overdue') return 'done';
  if (d.state === 'overdue') return 'past';
  if (d.dueOn < today) return 'past';
  if (d.near ?? d.dueOn <= todayInChina().add(2, 'day').format('YYYY-MM-DD')) return 'near';
  return 'ok';
}

/** "?" after a due date counted over a year without holiday data, with the reason as its tooltip. */
export function UncertainQuestion({ certain }: { certain: boolean }) {
  const { t } = useTranslation();
  if (certain) return null;
  const reason = t('calendar.uncertainHint');
  return (
    <Tooltip title={reason}>
      <Typography.Text type="warning" role="img" aria-label={reason} data-testid="uncertain-date">
        <QuestionCircleOutlined />
      </Typography.Text>
    </Tooltip>
  );
}

/** A clock's due date: red when past, orange when near, "?" when not certain. */
export function DueOn({ deadline }: { deadline: Pick<Deadline, 'dueOn' | 'certain' | 'state'> & { near?: boolean } }) {
  const band = clockBand(deadline);
  const color = band === 'past' ? '#cf1322' : band === 'near' ? '#d46b08' : undefined;
  return (
    <Space size={4} wrap={false}>
      <span style={{ color, fontWeight: band === 'past' || band === 'near' ? 600 : undefined }} data-band={band}>
        {formatDate(deadline.dueOn)}
      </span>
      <UncertainQuestion certain={deadline.certain} />
    </Space>
  );
}

/** The list's cell: the clock's name and its due date. */
export function NextClock({ deadline }: { deadline: Pick<Deadline, 'kind' | 'dueOn' | 'certain' | 'state'> | null | undefined }) {
  const { t } = useTranslation();
  if (!deadline) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space size={4} wrap={false} data-testid="next-clock">
      <Typography.Text type="secondary">{t(`complaints.clocks.${deadline.kind}`)}</Typography.Text>
      <DueOn deadline={deadline} />
    </Space>
  );
}

/** The open clock due first (when the list row does not say it). */
export const nextOf = (deadlines: Deadline[] | undefined): Deadline | null =>
  (deadlines ?? []).filter((d) => d.state === 'open' || d.state === 'overdue').sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0] ?? null;

export function useKindOptions() {
  const { t } = useTranslation();
  return COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`complaints.kinds.${k}`) }));
}

export function useStatusOptions() {
  const { t } = useTranslation();
  return COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.statuses.${s}`) }));
}

export interface TopicLookup {
  topics: Topic[];
  categories: Category[];
  loading: boolean;
  reload: () => void;
  topicName: (key: string | null | undefined) => string;
  categoryName: (key: string | null | undefined) => string;
  topicOptions: { value: string; label: string }[];
  /** Active categories of a topic (all topics when none), urgent ones marked. */
  categoryOptions: (topic?: string) => { value: string; label: string }[];
}

/** Topics and categories (GET /api/complaint-topics, /api/complaint-categories), names in the UI's language. */
export function useTopics(): TopicLookup {
  const { t, i18n } = useTranslation();
  const { data, loading, reload } = useAsync(() => Promise.all([complaintsApi.topics(), complaintsApi.categories()]));
  const en = i18n.language === 'en-US';
  return useMemo(() => {
    const topics = [...(data?.[0].items ?? [])].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
    const categories = [...(data?.[1].items ?? [])].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
    const nameOf = (x: { name: string; nameEn?: string }) => (en && x.nameEn ? x.nameEn : x.name);
    const topicBy = new Map(topics.map((x) => [x.key, x]));
    const categoryBy = new Map(categories.map((x) => [x.key, x]));
    return {
      topics,
      categories,
      loading,
      reload,
      topicName: (key) => (key ? (topicBy.has(key) ? nameOf(topicBy.get(key)!) : key) : ''),
      categoryName: (key) => (key ? (categoryBy.has(key) ? nameOf(categoryBy.get(key)!) : key) : ''),
      topicOptions: topics.map((x) => ({ value: x.key, label: nameOf(x) })),
      categoryOptions: (topic) =>
        categories
          .filter((c) => c.active && (!topic || c.topic === topic))
          .map((c) => ({ value: c.key, label: c.urgent ? `${nameOf(c)} · ${t('complaints.urgent')}` : nameOf(c) })),
    };
  }, [data, loading, reload, en, t]);
}

/** The reporter as the API answers it (masked unless revealed), or 匿名. */
export function ReporterText({ reporter, anonymous }: { reporter: { name: string | null; phone: string | null } | null; anonymous?: boolean }) {
  const { t } = useTranslation();
  if (anonymous || !reporter) return <Typography.Text type="secondary">{t('complaints.anonymous')}</Typography.Text>;
  return (
    <span data-testid="reporter-masked">
      {[reporter.name, reporter.phone].filter(Boolean).join(' ')}
    </span>
  );
}
