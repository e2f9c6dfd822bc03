import { Alert, Card, Col, Empty, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../app/errorText';
import { formatDate } from '../../app/format';
import type { AsyncState } from '../../app/hooks/useAsync';
import { casePath, taskPath, type ClusterCase, type ComplaintCount, type InspectionResult, type Overview } from './clusters.api';
import { StageTag } from './labels';
import './clusters.pages.i18n';

const list = <T,>(v: T[] | undefined | null): T[] => (Array.isArray(v) ? v : []);

/** The members' quality record: inspection results, complaints, cases; spot checks once issue 19 brings them. */
export function OverviewTab({ overview }: { overview: AsyncState<Overview> }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`clusters.overview.${key}`);
  if (overview.error) return <Alert type="error" showIcon message={errorText(overview.error, t)} />;
  const o = overview.data;
  const inspections = list(o?.inspections);
  const complaints = list(o?.complaints);
  const cases = list(o?.cases);
  const name = (r: { uscc?: string | null; name?: string | null }) => r.name ?? r.uscc ?? '';

  const inspectionColumns: TableColumnsType<InspectionResult> = [
    { title: t('clusters.enterprise'), key: 'name', render: (_: unknown, r) => name(r) },
    { title: label('item'), dataIndex: 'itemName', render: (v: string, r) => <Link to={taskPath(r.taskId)}>{v}</Link> },
    { title: label('completedOn'), dataIndex: 'completedOn', className: 'zj-nowrap', render: (v: string) => formatDate(v) },
    { title: label('result'), dataIndex: 'resultCategory', className: 'zj-nowrap', render: (v: string | null) => v ?? t('common.none') },
    {
      title: label('findings'),
      dataIndex: 'findings',
      render: (v: string[]) => (v.length ? <Typography.Text type="danger">{v.join('；')}</Typography.Text> : <Typography.Text type="secondary">{label('none')}</Typography.Text>),
    },
  ];
  const complaintColumns: TableColumnsType<ComplaintCount> = [
    { title: t('clusters.enterprise'), key: 'name', render: (_: unknown, r) => name(r) },
    { title: label('count'), dataIndex: 'count', className: 'zj-nowrap' },
    { title: label('substantiated'), dataIndex: 'substantiated', className: 'zj-nowrap', render: (v: number | undefined) => v ?? t('common.none') },
  ];
  const caseColumns: TableColumnsType<ClusterCase> = [
    { title: label('caseNo'), dataIndex: 'caseNo', className: 'zj-nowrap', render: (v: string, c) => <Link to={casePath(c.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: t('clusters.enterprise'), dataIndex: 'partyName' },
    { title: label('stage'), dataIndex: 'stage', className: 'zj-nowrap', render: (v: string) => <StageTag stage={v} /> },
    { title: label('decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null | undefined) => formatDate(v) },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="cluster-overview">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={label('members')} value={o?.members ?? 0} loading={overview.loading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('inspectionsCount')} value={inspections.length} suffix={inspections.some((r) => r.findings.length) ? `（${label('withFindings')} ${inspections.filter((r) => r.findings.length).length}）` : undefined} loading={overview.loading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('complaintsCount')} value={complaints.reduce((s, c) => s + c.count, 0)} loading={overview.loading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('casesCount')} value={cases.length} loading={overview.loading} />
        </Col>
      </Row>
      <Card size="small" title={label('inspections')}>
        <Table<InspectionResult> size="small" rowKey="taskId" columns={inspectionColumns} dataSource={inspections} loading={overview.loading} pagination={inspections.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noInspections') }} />
      </Card>
      <Card size="small" title={label('complaints')}>
        <Table<ComplaintCount> size="small" rowKey="uscc" columns={complaintColumns} dataSource={complaints} loading={overview.loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noComplaints') }} />
      </Card>
      <Card size="small" title={label('cases')}>
        <Table<ClusterCase> size="small" rowKey="id" columns={caseColumns} dataSource={cases} loading={overview.loading} pagination={cases.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noCases') }} />
      </Card>
      <Card size="small" title={label('spotChecks')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('spotChecksPending')} />
      </Card>
    </Space>
  );
}
