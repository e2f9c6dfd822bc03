import { Card, Empty, Form, Grid, Input, List, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import { ConclusionTag, ObjectionStatusTag, SampleStatusTag, StageTag } from './labels';
import { CONCLUSIONS, SAMPLE_STATUSES, samplePath, samplesApi, type SampleQuery, type SampleRow } from './spotcheckSamples.api';
import './spotcheckSamples.pages.i18n';

const toQuery = (v: FilterValues): Partial<SampleQuery> => v as Partial<SampleQuery>;

function useColumns(): TableColumnsType<SampleRow> {
  const { t } = useTranslation();
  const { nameOf } = useRegions();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return [
    { title: label('sampleNo'), dataIndex: 'sampleNo', className: 'zj-nowrap', render: (v: string, s) => <Link to={samplePath(s.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('product'), key: 'product', render: (_: unknown, s) => `${s.productCode} ${s.productName}` },
    { title: label('enterprise'), dataIndex: 'enterpriseName' },
    { title: label('region'), dataIndex: 'regionCode', responsive: ['lg'], className: 'zj-nowrap', render: (v: string) => nameOf(v) },
    { title: label('lotNo'), dataIndex: 'lotNo', responsive: ['xl'], className: 'zj-nowrap' },
    { title: label('institution'), dataIndex: 'institutionName', responsive: ['lg'] },
    {
      title: label('samplers'),
      dataIndex: 'samplerNames',
      responsive: ['xl'],
      render: (v: string[]) => (v.length ? <Typography.Text ellipsis={{ tooltip: v.join('、') }} style={{ maxWidth: 160 }}>{v.join('、')}</Typography.Text> : '—'),
    },
    { title: label('dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => formatDate(v) },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, s) => <SampleStatusTag status={s.status} /> },
    {
      title: label('conclusion'),
      key: 'conclusion',
      className: 'zj-nowrap',
      render: (_: unknown, s) => (
        <Space size={2} wrap>
          <ConclusionTag value={s.finalConclusion ?? s.conclusion} final={!!s.finalConclusion} />
          <ObjectionStatusTag status={s.objectionStatus} />
          <StageTag stage={s.followupStage} />
        </Space>
      ),
    },
  ];
}

/**
 * 样品: every sample in the user's scope (county users their county's, the server's scope), by lot,
 * product, status, conclusion and region, or a number / enterprise / USCC.
 */
export function SampleListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const regions = useRegions();
  const lots = useAsync(() => samplesApi.lots());
  const products = useAsync(() => samplesApi.products(''));
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return (
    <ListPage<SampleRow, SampleQuery>
      title={label('samplesTitle')}
      fetch={samplesApi.samples}
      rowKey="id"
      columns={useColumns()}
      toQuery={toQuery}
      tableProps={{ scroll: { x: 'max-content' }, onRow: (s) => ({ onClick: () => navigate(samplePath(s.id)), style: { cursor: 'pointer' } }) }}
      filters={
        <>
          <Form.Item name="q" label={label('search')}>
            <Input allowClear placeholder={label('searchHint')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="lotId" label={label('lotNo')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} loading={lots.loading} options={(lots.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.lotNo} ${l.productName}` }))} />
          </Form.Item>
          <Form.Item name="productId" label={label('product')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} loading={products.loading} options={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))} />
          </Form.Item>
          <Form.Item name="status" label={label('status')}>
            <Select allowClear style={{ width: 130 }} options={SAMPLE_STATUSES.map((s) => ({ value: s, label: t(`spotcheckSamples.statuses.${s}`) }))} />
          </Form.Item>
          <Form.Item name="conclusion" label={label('conclusion')}>
            <Select allowClear style={{ width: 110 }} options={CONCLUSIONS.map((c) => ({ value: c, label: t(`spotcheckSamples.conclusions.${c}`) }))} />
          </Form.Item>
          <Form.Item name="regionCode" label={label('region')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 180 }} loading={regions.loading} options={regions.options} />
          </Form.Item>
        </>
      }
    />
  );
}

/**
 * 抽样任务: the samples the user samples (`mine=true`), phone first: a card per task with the
 * enterprise, product, deadline and what is left to do; the open ones first.
 */
export function TaskListPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const columns = useColumns();
  const tasks = useAsync(() => samplesApi.samples({ mine: true, pageSize: 200 }));
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const items = [...(tasks.data?.items ?? [])].sort((a, b) => Number(a.status !== 'assigned') - Number(b.status !== 'assigned') || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  if (screens.md)
    return (
      <ListPage<SampleRow, SampleQuery>
        title={label('tasksTitle')}
        fetch={samplesApi.samples}
        extraQuery={{ mine: true }}
        rowKey="id"
        columns={columns}
        tableProps={{ scroll: { x: 'max-content' } }}
      />
    );
  return (
    <Card title={label('tasksTitle')} styles={{ body: { padding: 8 } }}>
      {tasks.error ? (
        <Typography.Text type="danger">{label('loadFailed')}</Typography.Text>
      ) : (
        <List<SampleRow>
          loading={tasks.loading}
          dataSource={items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noTasks')} /> }}
          data-testid="sampling-tasks"
          renderItem={(s) => (
            <List.Item key={s.id}>
              <Link to={samplePath(s.id)} style={{ display: 'block', width: '100%', color: 'inherit' }} data-testid="task-card">
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space size={4} wrap>
                    <Typography.Text strong>{s.enterpriseName}</Typography.Text>
                    <SampleStatusTag status={s.status} />
                  </Space>
                  <Typography.Text>{`${s.productName} · ${s.sampleNo}`}</Typography.Text>
                  <Typography.Text type={s.status === 'assigned' ? 'warning' : 'secondary'}>
                    {label('dueOn')} {formatDate(s.dueOn)}
                  </Typography.Text>
                </Space>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
