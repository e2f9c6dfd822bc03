import { App, Button, Card, Col, Descriptions, Empty, Grid, Popconfirm, Row, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { listOf } from '../../app/i18n/punctuation';

/** An amount in yuan as the bureau writes it: 5,000.00 元. */
const yuan = (v: number) => `${v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
import { useRegions } from '../regions';
import { campaignsApi, casePath, planPath, type CampaignCase, type CampaignDetail } from './campaigns.api';
import { CampaignDraw } from './CampaignDraw';
import { CampaignStatusTag, StageTag } from './labels';
import './campaigns.pages.i18n';

function Fields({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const regions = useRegions();
  // names of the pool and the item (inspection readers; the others see —)
  const mayRead = can('inspection.read');
  const pool = useAsync(() => (mayRead ? campaignsApi.pool(c.poolId) : Promise.resolve(null)), `${mayRead}:${c.poolId}`);
  const item = useAsync(() => (mayRead ? campaignsApi.item(c.itemId) : Promise.resolve(null)), `${mayRead}:${c.itemId}`);
  const layout = Grid.useBreakpoint().sm === false ? ('vertical' as const) : ('horizontal' as const);
  const label = (key: string) => t(`campaigns.${key}`);
  const orgNames = c.participatingOrgs.map((o) => o.name);
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
        { key: 'pool', label: label('pool'), children: pool.data?.name ?? t('common.none') },
        { key: 'item', label: label('item'), children: item.data?.name ?? t('common.none') },
        { key: 'target', label: label('targetCount'), children: c.targetCount },
        { key: 'plan', label: label('plan'), children: <Link to={planPath(c.planId)}>{c.plan.name}</Link> },
        { key: 'createdBy', label: label('createdBy'), children: `${c.createdByName} · ${formatDateTime(c.createdAt)}` },
        ...(c.description ? [{ key: 'description', label: label('description'), span: { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }, children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> }] : []),
      ]}
    />
  );
}

function Tasks({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`campaigns.${key}`);
  if (c.tasks.total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noTasks')} />;
  return (
    <Row gutter={[16, 16]} data-testid="campaign-tasks">
      <Col xs={12} md={6}>
        <Statistic title={label('tasksTotal')} value={c.tasks.total} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={label('tasksDone')} value={c.tasks.done} suffix={`/ ${c.tasks.total}`} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={label('tasksWithFindings')} value={c.tasks.withFindings} valueStyle={c.tasks.withFindings ? { color: '#cf1322' } : undefined} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={label('findings')} value={c.tasks.findings} />
      </Col>
    </Row>
  );
}

function Cases({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`campaigns.${key}`);
  const stages = Object.entries(c.cases.byStage).filter(([, n]) => n > 0);
  const columns: TableColumnsType<CampaignCase> = [
    { title: label('caseNo'), dataIndex: 'caseNo', className: 'zj-nowrap', render: (v: string, k) => <Link to={casePath(k.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('partyName'), dataIndex: 'partyName' },
    { title: label('stage'), dataIndex: 'stage', className: 'zj-nowrap', render: (v: string) => <StageTag stage={v} /> },
    { title: label('decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => formatDate(v) },
    { title: label('amountDue'), dataIndex: 'amountDue', className: 'zj-nowrap', responsive: ['md'], render: (v: number | null) => (v === null ? t('common.none') : yuan(v)) },
    { title: label('transfers'), dataIndex: 'transfers', className: 'zj-nowrap', responsive: ['lg'], render: (v: number) => v || t('common.none') },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]} data-testid="campaign-case-totals">
        <Col xs={8}>
          <Statistic title={label('casesTotal')} value={c.cases.total} />
        </Col>
        <Col xs={8}>
          <Statistic title={label('fines')} value={yuan(c.cases.fines)} />
        </Col>
        <Col xs={8}>
          <Statistic title={label('transfers')} value={c.cases.transfers} />
        </Col>
      </Row>
      {stages.length > 0 && (
        <Space size={[4, 4]} wrap>
          {stages.map(([stage, n]) => (
            <span key={stage}>
              <StageTag stage={stage} />
              {n}
            </span>
          ))}
        </Space>
      )}
      <Table<CampaignCase>
        data-testid="campaign-cases"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={c.cases.items}
        pagination={c.cases.items.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: label('noCases') }}
      />
    </Space>
  );
}

/** One campaign: its fields and plan, the lottery (commit, reveal, public record), the tasks, the cases and the report. */
/** Start or end the campaign (forward only), with its version (412 when it changed meanwhile). */
function StatusButton({ c, onDone }: { c: CampaignDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const next = c.status === 'planned' ? 'running' : c.status === 'running' ? 'finished' : null;
  if (!next || !can('campaign.manage')) return null;
  const key = next === 'running' ? 'start' : 'finish';
  const run = async () => {
    try {
      await campaignsApi.setStatus(c, next);
      void message.success(t('campaigns.statusChanged'));
    } catch (err) {
      if (isStale(err)) void message.warning(t('errors.staleReloaded'));
      else notifyError(err);
    }
    onDone();
  };
  return (
    <Popconfirm title={t(`campaigns.${key}Confirm`)} okText={t(`campaigns.${key}`)} cancelText={t('common.cancel')} onConfirm={() => void run()}>
      <Button type={next === 'running' ? 'primary' : 'default'} data-testid={`campaign-${key}`}>
        {t(`campaigns.${key}`)}
      </Button>
    </Popconfirm>
  );
}

export function CampaignDetailPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading, reload } = useAsync(() => campaignsApi.get(id), id);
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
          <StatusButton c={c} onDone={reload} />
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
        <CampaignDraw campaign={c} onChanged={reload} />
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
