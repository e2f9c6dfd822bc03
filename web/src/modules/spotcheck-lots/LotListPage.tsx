import { Form, Grid, Input, InputNumber, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { LotStatusTag, ProductName, ProductSelect } from './labels';
import { LOT_STATUSES, lotPath, lotsApi, lotsPath, QUARTERS, type LotQuery, type LotRow } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

const toQuery = (v: FilterValues): Partial<LotQuery> => v as Partial<LotQuery>;

/**
 * 抽查批次: the lots of the approved plans (a plan's lots when opened from the plan: `?planId=`),
 * by year, quarter, status and product. Institution accounts see the lots open to applications
 * and their own (the server's scope).
 */
export function LotListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params] = useSearchParams();
  const planId = params.get('planId');
  // the plan's name for the filter's tag (any of its lots carries it)
  const planName = useAsync(() => (planId ? lotsApi.lots({ planId, pageSize: 1 }).then((r) => r.items[0]?.planName ?? '') : Promise.resolve('')), planId ?? '');
  const label = (key: string) => t(`spotcheckLots.${key}`);

  const columns: TableColumnsType<LotRow> = [
    {
      title: label('lotNo'),
      dataIndex: 'lotNo',
      render: (v: string, l) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => navigate(lotPath(l.id))} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {v}
          </Typography.Link>
          {!screens.sm && (
            <Typography.Text type="secondary">
              {l.productName} · {t('spotcheckLots.batchesN', { count: l.batches })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: label('product'), key: 'product', responsive: ['sm'], render: (_: unknown, l) => <ProductName code={l.productCode} name={l.productName} /> },
    { title: label('quarter'), key: 'quarter', className: 'zj-nowrap', responsive: ['sm'], render: (_: unknown, l) => t('spotcheckLots.yearQuarter', { year: l.year, quarter: l.quarter }) },
    { title: label('batches'), dataIndex: 'batches', className: 'zj-nowrap', responsive: ['sm'] },
    { title: label('plan'), dataIndex: 'planName', responsive: ['lg'] },
    { title: label('dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => formatDate(v) },
    { title: label('institution'), dataIndex: 'institutionName', responsive: ['md'], render: (v: string | null) => v ?? <Typography.Text type="secondary">{label('noInstitution')}</Typography.Text> },
    { title: label('applicationCount'), dataIndex: 'applicationCount', className: 'zj-nowrap', responsive: ['lg'] },
    { title: label('sampleCount'), dataIndex: 'sampleCount', className: 'zj-nowrap', responsive: ['lg'] },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, l) => <LotStatusTag status={l.status} /> },
  ];

  return (
    <ListPage<LotRow, LotQuery>
      title={label('lotsTitle')}
      fetch={lotsApi.lots}
      rowKey="id"
      columns={columns}
      toQuery={toQuery}
      tableProps={{ scroll: screens.sm ? { x: 'max-content' } : undefined, onRow: (l) => ({ onClick: () => navigate(lotPath(l.id)), style: { cursor: 'pointer' } }) }}
      banner={
        planId && (
          <Tag closable color="blue" style={{ marginBottom: 12 }} onClose={() => navigate(lotsPath)} data-testid="lots-plan-filter">
            {planName.data ? t('spotcheckLots.lotsOfPlan', { name: planName.data }) : label('plan')}
          </Tag>
        )
      }
      filters={
        <>
          <Form.Item name="planId" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="year" label={label('year')}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="quarter" label={label('quarter')}>
            <Select allowClear style={{ width: 110 }} options={QUARTERS.map((q) => ({ value: q, label: t('spotcheckLots.quarterN', { n: q }) }))} />
          </Form.Item>
          <Form.Item name="status" label={label('status')}>
            <Select allowClear style={{ width: 150 }} options={LOT_STATUSES.map((s) => ({ value: s, label: t(`spotcheckLots.lotStatuses.${s}`) }))} />
          </Form.Item>
          <Form.Item name="productId" label={label('product')}>
            <ProductSelect style={{ width: 220 }} />
          </Form.Item>
        </>
      }
    />
  );
}
