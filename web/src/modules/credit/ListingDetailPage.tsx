import { Card, Descriptions, Space, Steps, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useAuth } from '../../app/auth/AuthContext';
import { archivePath, casePath, creditApi, listingsPath, type Listing, type ListingEvent } from './credit.api';
import { ListingActions } from './ListingActions';
import { ListingStatusTag } from './labels';
import { RepairCard } from './RepairCard';
import './credit.pages.i18n';

/** Where the listing stands among 建议 → 告知 → 决定 → 移出 (a listed one waits for its removal; a removed one is done). */
const STEP: Record<Listing['status'], number> = { proposed: 0, noticed: 1, not_listed: 2, listed: 3, removed: 4 };

/** One listing procedure: the facts, its steps, the enterprise's answer, the actions and the repair applications. */
export function ListingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const found = useAsync(() => creditApi.listing(id), id);
  if (!found.data) return <DetailPending error={found.error} loading={found.loading} />;
  const l = found.data;
  const none = t('common.none');
  const eventColumns: TableColumnsType<ListingEvent & { key: number }> = [
    { title: t('credit.at'), dataIndex: 'at', className: 'zj-nowrap', render: (v: string) => formatDateTime(v) },
    { title: t('credit.step'), dataIndex: 'action', render: (v: string) => t(`credit.listingActions.${v}`, { defaultValue: v }) },
    { title: t('credit.actor'), dataIndex: 'actorName', className: 'zj-nowrap' },
    { title: t('credit.note'), dataIndex: 'note', render: (v: string | null) => v ?? none },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="listing-header"
        back={{ path: listingsPath, label: t('credit.backToListings') }}
        title={t('credit.listingTitle', { no: l.listingNo })}
        tags={<ListingStatusTag status={l.status} />}
        subtitle={
          <Link to={archivePath(l.uscc)}>
            {l.enterpriseName} {l.uscc}
          </Link>
        }
      >
        <Steps
          size="small"
          current={STEP[l.status]}
          status={l.status === 'not_listed' ? 'error' : undefined}
          items={[
            { title: t('credit.stepProposed'), description: formatDateTime(l.proposedAt) },
            { title: t('credit.stepNoticed'), description: l.noticeSentOn ?? undefined },
            { title: l.status === 'not_listed' ? t('credit.listingStatuses.not_listed') : t('credit.stepListed'), description: l.listedOn ?? undefined },
            { title: t('credit.stepRemoved'), description: l.removedOn ?? undefined },
          ]}
        />
        <ListingActions listing={l} reload={found.reload} />
      </DetailHeader>
      <Card title={t('credit.listingFacts')} size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('credit.source')}>
            {t(`credit.sources.${l.source}`)}
            {l.caseId && l.caseNo && (can('case.read') ? <Link to={casePath(l.caseId)}> {l.caseNo}</Link> : ` ${l.caseNo}`)}
            {l.ruleKey && ` ${t(`credit.rules.${l.ruleKey}`, { defaultValue: l.ruleKey })}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.proposedBy')}>{l.proposedByName}</Descriptions.Item>
          <Descriptions.Item label={t('credit.listingReason')} span={{ xs: 1, md: 2 }}>
            {l.reason}
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.legalBasis')} span={{ xs: 1, md: 2 }}>
            {l.legalBasis}
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.noticeSentOn')}>{l.noticeSentOn ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('credit.answerDue')}>{l.answerDue ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('credit.period')}>{l.listedOn ? t('credit.periodLine', { from: l.listedOn, until: l.until ?? '' }) : none}</Descriptions.Item>
          <Descriptions.Item label={t('credit.publishedAt')}>{formatDateTime(l.publishedAt)}</Descriptions.Item>
          {l.decidedAt && (
            <Descriptions.Item label={t('credit.decision')} span={{ xs: 1, md: 2 }}>
              {t('credit.decidedLine', { by: l.decidedByName ?? '', at: formatDateTime(l.decidedAt) })}
              {l.decisionNote && t('common.colon') + l.decisionNote}
            </Descriptions.Item>
          )}
          {l.removedOn && (
            <Descriptions.Item label={t('credit.removal')} span={{ xs: 1, md: 2 }}>
              {l.removedOn} {l.removalKind && t(`credit.removalKinds.${l.removalKind}`)}
              {l.removalReason && t('common.colon') + l.removalReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('credit.answerTitle')} size="small" data-testid="listing-answer">
        {l.answer ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{l.answer}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('credit.answeredLine', { by: l.answeredByName ?? '', at: formatDateTime(l.answeredAt) })}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{l.noticeSentOn ? t('credit.noAnswer', { due: l.answerDue ?? '' }) : t('credit.notNoticed')}</Typography.Text>
        )}
      </Card>
      {l.repairs.length > 0 && (
        <Card title={t('credit.repairsTitle')} size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            {l.repairs.map((r) => (
              <RepairCard key={r.id} repair={r} reload={found.reload} />
            ))}
          </Space>
        </Card>
      )}
      <Card title={t('credit.stepsTitle')} size="small">
        <Table size="small" rowKey="key" columns={eventColumns} dataSource={l.events.map((e, key) => ({ ...e, key }))} pagination={false} scroll={{ x: 'max-content' }} data-testid="listing-events" />
      </Card>
    </Space>
  );
}
