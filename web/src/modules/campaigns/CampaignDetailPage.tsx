import { Button, Card, Col, Descriptions, Empty, Grid, Row, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { listOf } from '../../app/i18n/punctuation';
import { useOrgs } from '../orgs';
import { useRegions } from '../regions';
import { campaignsApi, casePath, planPath, type CampaignCase, type CampaignDetail } from './campaigns.api';
import { CampaignDraw } from './CampaignDraw';
import { CampaignStatusTag, StageTag } from './labels';
import './campaigns.pages.i18n';

function Fields({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const orgs = useOrgs(!c.participatingOrgs && can('org.read'));
  const regions = useRegions();
  const layout = Grid.useBreakpoint().sm === false ? ('vertical' as const) : ('horizontal' as const);
  const label = (key: string) => t(`campaigns.${key}`);
  const orgNames = c.participatingOrgs?.map((o) => o.name) ?? c.participatingOrgIds.map((id) => orgs.orgs.find((o) => o.id === id)?.name ?? id);
  return (
    <Descriptions
      bordered
      size="small"
      layout={layout}
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      data-testid="campaign-fields"
      items={[
        { key: 'category', label: label('productCategory'), children: t(`campaigns.categories.${c.productCategory}`, { defaultValue: c.productCategory }) },
        { key: 'period', label: label('period'), children: `${formatDate(c.startOn)} ~ ${formatDate(c.endOn)}` },
        { key: 'org', label: label('org'), children: c.orgName ?? regions.nameOf(c.regionCode) },
        { key: 'orgs', label: label('orgs'), children: listOf(t, orgNames) },
        { key: 'pool', label: label('pool'), children: c.poolName ?? t('common.none') },
        { key: 'item', label: label('item'), children: c.itemName ?? t('common.none') },
        { key: 'target', label: label('targetCount'), children: c.targetCount },
        { key: 'plan', label: label('plan'), children: <Link to={planPath(c.planId)}>{c.plan?.name ?? label('toPlan')}</Link> },
        { key: 'createdBy', label: label('createdBy'), children: `${c.createdByName} · ${formatDateTime(c.createdAt)}` },
        ...(c.description ? [{ key: 'description', label: label('description'), span: { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }, children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> }] : []),
      ]}
    />
  );
}

function Tasks({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`campaigns.${key}`);
  if (!c.tasks || c.tasks.total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noTasks')} />;
  return (
    <Row gutter={[16, 16]} data-testid="campaign-tasks">
      <Col xs={8}>
        <Statistic title={label('tasksTotal')} value={c.tasks.total} />
      </Col>
      <Col xs={8}>
        <Statistic title={label('tasksDone')} value={c.tasks.done} suffix={`/ ${c.tasks.total}`} />
      </Col>
      <Col xs={8}>
        <Statistic title={label('tasksWithFindings')} value={c.tasks.withFindings} valueStyle={c.tasks.withFindings ? { color: '#cf1322' } : undefined} />
      </Col>
    </Row>
  );
}

function Cases({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`campaigns.${key}`);
  // the detail's own list when it has one, else the cases list filtered by the campaign
  const listed = useAsync(() => (c.cases ? Promise.resolve({ items: c.cases, total: c.cases.length }) : campaignsApi.cases(c.id)), `${c.id}:${c.version}`);
  const columns: TableColumnsType<CampaignCase> = [
    { title: label('caseNo'), dataIndex: 'caseNo', className: 'zj-nowrap', render: (v: string, k) => <Link to={casePath(k.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('partyName'), dataIndex: 'partyName' },
    { title: label('stage'), dataIndex: 'stage', className: 'zj-nowrap', render: (v: string) => <StageTag stage={v} /> },
    { title: label('org'), dataIndex: 'orgName', responsive: ['md'], render: (v: string | null | undefined) => v ?? t('common.none') },
  ];
  return (
    <Table<CampaignCase>
      data-testid="campaign-cases"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={listed.data?.items ?? []}
      loading={listed.loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: label('noCases') }}
    />
  );
}

/** One campaign: its fields and plan, the lottery (commit, reveal, public record), the tasks, the cases and the report. */
export function CampaignDetailPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => campaignsApi.get(id), id);
  const label = (key: string) => t(`campaigns.${key}`);
  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const c = data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="campaign-header"
        back={{ path: '/campaigns', label: label('backToList') }}
        title={c.name}
        tags={
          <>
            <CampaignStatusTag status={c.status} />
            <Tag>{t(`campaigns.categories.${c.productCategory}`, { defaultValue: c.productCategory })}</Tag>
          </>
        }
        subtitle={`${formatDate(c.startOn)} ~ ${formatDate(c.endOn)}`}
      >
        <Space wrap>
          <Button icon={<FileWordOutlined />} href={campaignsApi.reportUrl(c.id, 'docx')} download data-testid="campaign-report-docx">
            {label('reportDocx')}
          </Button>
          <Button icon={<FileExcelOutlined />} href={campaignsApi.reportUrl(c.id, 'xlsx')} download data-testid="campaign-report-xlsx">
            {label('reportXlsx')}
          </Button>
          <Typography.Text type="secondary">{label('reportHint')}</Typography.Text>
        </Space>
      </DetailHeader>
      <Card title={label('details')}>
        <Fields c={c} />
      </Card>
      <Card title={label('lottery')}>
        <CampaignDraw campaign={c} />
      </Card>
      <Card title={label('tasks')} extra={<Link to="/inspection-tasks">{label('toTasks')}</Link>}>
        <Tasks c={c} />
      </Card>
      <Card title={label('cases')}>
        <Cases c={c} />
      </Card>
    </Space>
  );
}
