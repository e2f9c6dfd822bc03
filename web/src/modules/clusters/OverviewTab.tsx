import { Alert, Card, Col, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { errorText } from '../../app/errorText';
import { formatDate } from '../../app/format';
import type { AsyncState } from '../../app/hooks/useAsync';
import { spotcheckSamplePath } from '../spotcheck-samples';
import { casePath, taskPath, type ClusterCase, type ComplaintCount, type InspectionResult, type Overview, type SpotCheckResult } from './clusters.api';
import { ConclusionTag, FollowupTag, StageTag } from './labels';
import './clusters.pages.i18n';

/** Five statistics: two a row on a phone, three on a tablet, one row on a wide screen. */
const STAT_COL = { xs: 12, md: 8, xl: { flex: '20%' } } as const;

/** The members' quality record: inspection results, spot checks (final results, three years), complaints, cases. */
export function OverviewTab({ overview }: { overview: AsyncState<Overview> }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const label = (key: string) => t(`clusters.overview.${key}`);
  if (overview.error) return <Alert type="error" showIcon message={errorText(overview.error, t)} />;
  const o = overview.data;
  const inspections = o?.inspections.items ?? [];
  const complaints = o?.complaints.byEnterprise ?? [];
  const cases = o?.cases.items ?? [];
  const spotChecks = o?.spotChecks.items ?? [];
  // The sample's page is the spot-check staff's (spotcheck.read); others see the number only.
  const samplePages = can('spotcheck.read');

  const inspectionColumns: TableColumnsType<InspectionResult> = [
    { title: t('clusters.enterprise'), dataIndex: 'name' },
    { title: label('item'), dataIndex: 'itemName', render: (v: string, r) => <Link to={taskPath(r.taskId)}>{v}</Link> },
    { title: label('completedOn'), dataIndex: 'completedOn', className: 'zj-nowrap', render: (v: string) => formatDate(v) },
    { title: label('result'), dataIndex: 'resultCategory', className: 'zj-nowrap', render: (v: string | null) => v ?? t('common.none') },
    {
      title: label('findings'),
      dataIndex: 'findings',
      render: (v: string[]) => (v.length ? <Typography.Text type="danger">{v.join('；')}</Typography.Text> : <Typography.Text type="secondary">{label('none')}</Typography.Text>),
    },
  ];
  // the conclusion next to the enterprise: what a phone shows before the table scrolls
  const spotCheckColumns: TableColumnsType<SpotCheckResult> = [
    { title: t('clusters.enterprise'), dataIndex: 'name' },
    { title: label('conclusion'), dataIndex: 'finalConclusion', className: 'zj-nowrap', render: (v: SpotCheckResult['finalConclusion']) => <ConclusionTag value={v} /> },
    { title: label('product'), dataIndex: 'productName' },
    {
      title: label('sampleNo'),
      dataIndex: 'sampleNo',
      className: 'zj-nowrap',
      render: (v: string, r) => (samplePages ? <Link to={spotcheckSamplePath(r.sampleId)} style={{ fontFamily: 'monospace' }}>{v}</Link> : <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>),
    },
    { title: label('year'), dataIndex: 'year', className: 'zj-nowrap', responsive: ['md'] },
    { title: label('sampledOn'), dataIndex: 'sampledOn', className: 'zj-nowrap', responsive: ['lg'], render: (v: string | null) => formatDate(v) },
    {
      title: label('failingItems'),
      dataIndex: 'failingItems',
      render: (v: string[]) => (v.length ? <Typography.Text type="danger">{v.join('、')}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: label('followup'),
      dataIndex: 'followupStage',
      className: 'zj-nowrap',
      responsive: ['sm'],
      render: (v: SpotCheckResult['followupStage'], r) => (v || r.finalConclusion === 'pass' ? <FollowupTag stage={v} /> : <Typography.Text type="secondary">{label('followupNone')}</Typography.Text>),
    },
  ];
  const complaintColumns: TableColumnsType<ComplaintCount> = [
    { title: t('clusters.enterprise'), dataIndex: 'name' },
    { title: t('clusters.uscc'), dataIndex: 'uscc', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
    { title: label('substantiatedCount'), dataIndex: 'count', className: 'zj-nowrap' },
  ];
  const caseColumns: TableColumnsType<ClusterCase> = [
    { title: label('caseNo'), dataIndex: 'caseNo', className: 'zj-nowrap', render: (v: string, c) => <Link to={casePath(c.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: t('clusters.enterprise'), dataIndex: 'partyName' },
    { title: label('summary'), dataIndex: 'summary', responsive: ['lg'] },
    { title: label('stage'), dataIndex: 'stage', className: 'zj-nowrap', render: (v: string) => <StageTag stage={v} /> },
    { title: label('decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => formatDate(v) },
    { title: label('penaltyText'), dataIndex: 'penaltyText', responsive: ['xl'], render: (v: string | null) => v ?? t('common.none') },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="cluster-overview">
      <Row gutter={[16, 16]}>
        <Col {...STAT_COL}>
          <Statistic title={label('members')} value={o?.memberCount ?? 0} loading={overview.loading} />
        </Col>
        <Col {...STAT_COL}>
          <Statistic title={label('inspectionsCount')} value={o?.inspections.total ?? 0} suffix={o?.inspections.withFindings ? `（${label('withFindings')} ${o.inspections.withFindings}）` : undefined} loading={overview.loading} />
        </Col>
        <Col {...STAT_COL} data-testid="spotcheck-stat">
          <Statistic
            title={label('spotChecksCount')}
            value={o?.spotChecks.total ?? 0}
            suffix={o?.spotChecks.failed ? <Typography.Text type="danger" style={{ fontSize: 14 }}>{`（${label('failed')} ${o.spotChecks.failed}）`}</Typography.Text> : undefined}
            loading={overview.loading}
          />
        </Col>
        <Col {...STAT_COL}>
          <Statistic title={label('complaintsCount')} value={o?.complaints.total ?? 0} loading={overview.loading} />
        </Col>
        <Col {...STAT_COL}>
          <Statistic title={label('casesCount')} value={o?.cases.total ?? 0} loading={overview.loading} />
        </Col>
      </Row>
      <Card size="small" title={label('inspections')}>
        <Table<InspectionResult> size="small" rowKey="taskId" columns={inspectionColumns} dataSource={inspections} loading={overview.loading} pagination={inspections.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noInspections') }} />
      </Card>
      <Card size="small" title={o ? t('clusters.overview.spotChecksSince', { year: o.spotChecks.fromYear }) : label('spotChecks')} data-testid="cluster-spotchecks">
        <Table<SpotCheckResult>
          size="small"
          rowKey="sampleId"
          columns={spotCheckColumns}
          dataSource={spotChecks}
          loading={overview.loading}
          pagination={spotChecks.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: label('noSpotChecks') }}
        />
      </Card>
      <Card size="small" title={o ? t('clusters.overview.complaintsSince', { since: formatDate(o.complaints.since) }) : label('complaints')}>
        <Table<ComplaintCount> size="small" rowKey="uscc" columns={complaintColumns} dataSource={complaints} loading={overview.loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noComplaints') }} />
      </Card>
      <Card size="small" title={label('cases')} extra={<Space size={[4, 4]} wrap>{Object.entries(o?.cases.byStage ?? {}).filter(([, n]) => n > 0).map(([stage, n]) => <span key={stage}><StageTag stage={stage} />{n}</span>)}</Space>}>
        <Table<ClusterCase> size="small" rowKey="id" columns={caseColumns} dataSource={cases} loading={overview.loading} pagination={cases.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noCases') }} />
      </Card>
    </Space>
  );
}
