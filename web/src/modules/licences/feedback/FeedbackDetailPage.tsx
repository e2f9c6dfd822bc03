import { App, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDate, formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { DetailHeader, DetailPending } from '../../../app/components/DetailHeader';
import { enterprisePath } from '../../enterprises';
import { LicenceStateTag } from '../licenceLabels';
import { feedbackApi, type FeedbackDetail, type HolderLicence } from './feedback.api';
import { FeedbackDecisionModal } from './FeedbackDecisionModal';
import { DueDate, FeedbackKindTag, FeedbackStatusTag } from './feedbackLabels';
import '../exits/exits.pages.i18n';
import './feedback.pages.i18n';

const licencePath = (id: string) => `/licences/${encodeURIComponent(id)}`;

function NoticeFields({ notice: n }: { notice: FeedbackDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      data-testid="feedback-fields"
      items={[
        { key: 'enterprise', label: t('feedback.enterprise'), children: n.enterpriseName ? <Link to={enterprisePath(n.uscc)}>{n.enterpriseName}</Link> : t('feedback.notInRegister') },
        { key: 'uscc', label: t('feedback.uscc'), children: n.uscc },
        { key: 'department', label: t('feedback.department'), children: n.department },
        { key: 'documentNo', label: t('feedback.documentNo'), children: n.documentNo ?? '—' },
        { key: 'kind', label: t('feedback.kind'), children: <FeedbackKindTag kind={n.kind} /> },
        { key: 'occurredOn', label: t('feedback.occurredOn'), children: formatDate(n.occurredOn) },
        { key: 'summary', label: t('feedback.summary'), span: 2, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.summary}</Typography.Paragraph> },
        { key: 'source', label: t('feedback.source'), children: t(`feedback.sources.${n.source}`) },
        { key: 'createdBy', label: t('feedback.createdBy'), children: n.createdByName },
        { key: 'region', label: t('feedback.region'), children: withNote(t, n.regionName ?? '', n.regionCode) },
        { key: 'org', label: t('feedback.org'), children: n.orgName },
        { key: 'receivedOn', label: t('feedback.receivedOn'), children: formatDate(n.receivedOn) },
        { key: 'dueOn', label: t('feedback.dueOn'), children: <DueDate item={n} /> },
      ]}
    />
  );
}

function DecisionFields({ notice: n }: { notice: FeedbackDetail }) {
  const { t } = useTranslation();
  const licence = n.licences.find((l) => l.id === n.licenceId);
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      data-testid="feedback-decision"
      items={[
        { key: 'decision', label: t('feedback.decision'), children: t(`feedback.decisions.${n.decision!}`) },
        { key: 'licence', label: t('feedback.licence'), children: n.licenceId ? <Link to={licencePath(n.licenceId)}>{licence ? `${licence.typeName} ${licence.number}` : t('feedback.open')}</Link> : '—' },
        ...(n.exitId ? [{ key: 'exit', label: t('exits.cardTitle'), span: 2, children: <Link to={`/licence-exits/${encodeURIComponent(n.exitId)}`}>{t('feedback.open')}</Link> }] : []),
        { key: 'reason', label: t('feedback.decisionReason'), span: 2, children: n.decisionReason },
        { key: 'decidedBy', label: t('feedback.decidedBy'), children: n.decidedByName },
        { key: 'decidedAt', label: t('feedback.decidedAt'), children: formatDateTime(n.decidedAt) },
      ]}
    />
  );
}

function HolderLicences({ licences }: { licences: HolderLicence[] }) {
  const { t } = useTranslation();
  if (licences.length === 0) return <Empty description={t('feedback.noLicences')} />;
  return (
    <Table<HolderLicence>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={licences}
      columns={[
        { title: t('licences.number'), className: 'zj-nowrap', dataIndex: 'number', render: (v: string, l) => <Link to={licencePath(l.id)}>{v}</Link> },
        { title: t('licences.type'), dataIndex: 'typeName' },
        { title: t('common.status'), dataIndex: 'state', render: (_, l) => <LicenceStateTag state={l.state} /> },
      ]}
    />
  );
}

/** One notice: what the department reported, the holder's licences, and the decision (once). */
export function FeedbackDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const { data: notice, error, loading, reload } = useAsync(() => feedbackApi.get(id), id);
  const [deciding, setDeciding] = useState(false);

  if (error || !notice) return <DetailPending error={error} loading={loading} />;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="feedback-header"
        back={{ path: '/feedback', label: t('feedback.backToList') }}
        title={notice.enterpriseName ?? notice.uscc}
        tags={
          <>
            <FeedbackKindTag kind={notice.kind} />
            <FeedbackStatusTag item={notice} />
          </>
        }
        subtitle={notice.department}
      />
      <Card
        title={t('feedback.details')}
        extra={
          can('licence.write') &&
          !notice.decision && (
            <Button type="primary" icon={<AuditOutlined />} onClick={() => setDeciding(true)}>
              {t('feedback.decide')}
            </Button>
          )
        }
      >
        <NoticeFields notice={notice} />
      </Card>
      {notice.decision && (
        <Card title={t('feedback.result')}>
          <DecisionFields notice={notice} />
        </Card>
      )}
      <Card title={t('feedback.licences')} data-testid="feedback-licences">
        <HolderLicences licences={notice.licences} />
      </Card>
      <FeedbackDecisionModal
        notice={deciding ? notice : null}
        onClose={() => setDeciding(false)}
        onDone={() => {
          void message.success(t('feedback.decided'));
          reload();
        }}
        onStale={reload}
      />
    </Space>
  );
}
