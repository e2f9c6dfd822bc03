import { App, Button, Descriptions, Empty, Form, Input, Popconfirm, Space, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { UncertainMark } from '../../app/components/UncertainMark';
import { isStale } from '../../api/client';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/format';
import { LicenceStateTag } from './licenceLabels';
import { CorrectionEntry, type LicenceCorrection } from './LicenceCorrection';
import { licencesApi, type Transition } from './licences.api';

const STATUS_COLOR: Record<Transition['status'], string> = { applied: 'blue', pending: 'orange', rejected: 'red' };

/** The change deadline: working days, the date they end on, and whether the calendar could be sure of it. */
function Deadline({ transition: tr }: { transition: Transition }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      {t('licences.deadlineValue', { days: tr.deadlineWorkingDays, date: formatDate(tr.deadlineOn) })}
      <UncertainMark certain={tr.deadlineCertain} />
    </Space>
  );
}

function Entry({ transition: tr, actions }: { transition: Transition; actions: ReactNode }) {
  const { t } = useTranslation();
  const decided = tr.decidedByName ? t('licences.decidedValue', { name: tr.decidedByName, time: formatDateTime(tr.decidedAt) }) : null;
  const items: DescriptionsProps['items'] = [
    { key: 'reason', label: t('licences.reason'), children: tr.reason },
    { key: 'legalBasis', label: t('licences.legalBasis'), children: tr.legalBasis },
    { key: 'documentNo', label: t('licences.documentNo'), children: tr.documentNo },
    ...(tr.reviewOn ? [{ key: 'reviewOn', label: t('licences.reviewOn'), children: formatDate(tr.reviewOn) }] : []),
    ...(tr.deadlineWorkingDays ? [{ key: 'deadline', label: t('licences.changeDeadline'), children: <Deadline transition={tr} /> }] : []),
    { key: 'requestedBy', label: t('licences.requestedBy'), children: tr.requestedByName },
    ...(decided ? [{ key: 'decidedBy', label: t('licences.decidedBy'), children: decided }] : []),
    ...(tr.decisionNote ? [{ key: 'note', label: t('licences.decisionNote'), children: tr.decisionNote }] : []),
  ];
  return (
    <div data-testid="licence-transition">
      <Space wrap>
        <Typography.Text strong>{formatDateTime(tr.requestedAt)}</Typography.Text>
        <LicenceStateTag state={tr.fromState} />
        <span aria-hidden>→</span>
        <LicenceStateTag state={tr.toState} />
        {tr.status !== 'applied' && <Tag color={STATUS_COLOR[tr.status]}>{t(`licences.transitionStatus.${tr.status}`)}</Tag>}
      </Space>
      <Descriptions size="small" column={1} style={{ marginTop: 8, maxWidth: 800 }} items={items} />
      {actions}
    </div>
  );
}

interface Props {
  licenceId: string;
  /** The licence's version as loaded: a decision on a licence changed meanwhile is refused (If-Match). */
  licenceVersion: number;
  transitions: Transition[];
  /** Corrections of the licence's details, shown among the measures by time. */
  corrections?: LicenceCorrection[];
  /** Called after a pending request was approved or rejected (and to reload a licence changed meanwhile). */
  onDecided: () => void;
}

/** The measures taken on a licence, newest first; section heads decide pending requests here. */
export function LicenceTimeline({ licenceId, licenceVersion, transitions, corrections = [], onDecided }: Props) {
  const { t } = useTranslation();
  const { can, user } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [rejecting, setRejecting] = useState<Transition | null>(null);

  const approve = (tr: Transition) =>
    licencesApi.approve(licenceId, tr.id, licenceVersion).then(
      () => {
        void message.success(t('licences.approved'));
        onDecided();
      },
      (err: unknown) => {
        notifyError(err);
        if (isStale(err)) onDecided();
      },
    );

  const actions = (tr: Transition) =>
    tr.status === 'pending' &&
    can('licence.approve') &&
    tr.requestedBy !== user?.id && (
      <Space style={{ marginTop: 8 }}>
        <Popconfirm title={t('licences.approveConfirm')} onConfirm={() => approve(tr)}>
          <Button type="primary" size="small">
            {t('licences.approve')}
          </Button>
        </Popconfirm>
        <Button danger size="small" onClick={() => setRejecting(tr)}>
          {t('licences.reject')}
        </Button>
      </Space>
    );

  if (!transitions.length && !corrections.length) return <Empty description={t('licences.timelineEmpty')} />;
  const entries = [
    ...transitions.map((tr) => ({ at: tr.requestedAt, item: { key: tr.id, color: STATUS_COLOR[tr.status], children: <Entry transition={tr} actions={actions(tr)} /> } })),
    ...corrections.map((c) => ({ at: c.createdAt, item: { key: c.id, color: 'gray', children: <CorrectionEntry correction={c} /> } })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <>
      <Timeline
        style={{ marginTop: 8 }}
        items={entries.map((e) => e.item)}
      />
      <FormModal<{ note: string }>
        open={!!rejecting}
        title={t('licences.reject')}
        okText={t('licences.reject')}
        onSubmit={async ({ note }) => {
          await licencesApi.reject(licenceId, rejecting!.id, note.trim(), licenceVersion);
          void message.success(t('licences.rejected'));
          onDecided();
        }}
        onClose={() => setRejecting(null)}
        onStale={onDecided}
      >
        <Form.Item name="note" label={t('licences.rejectNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('licences.rejectNote') }) }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
