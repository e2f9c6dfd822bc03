import { Alert, App, Button, Card, Form, Grid, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ListPage } from '../../app/list/ListPage';
import { ApplyModal, type LotToApply } from './ApplyModal';
import { ApplicationStatusTag, LotStatusTag, ProductName, yuan } from './labels';
import { lotPath, lotsApi, QUARTERS, type ApplicationWithLot, type LotQuery, type LotRow } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

const OPEN = { status: 'open' } as const;

/**
 * 可申请批次 (an institution account): the lots taking applications, marked within or outside the
 * institution's CMA scope, with its application on each (apply, withdraw); below, every
 * application it made.
 */
export function OpenLotsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const screens = Grid.useBreakpoint();
  const [applying, setApplying] = useState<LotToApply | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const mine = useAsync(() => lotsApi.mine().catch(() => null));
  const apps = useAsync(() => lotsApi.myApplications({ pageSize: 500 }), reloadToken);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const scope = new Set(mine.data?.cmaScope ?? []);
  const appOf = new Map((apps.data?.items ?? []).map((a) => [a.lotId, a]));
  const changed = () => setReloadToken((n) => n + 1);

  const withdraw = async (a: ApplicationWithLot) => {
    setBusy(a.id);
    try {
      await lotsApi.withdraw(a);
      void message.success(label('withdrawn'));
    } catch (err) {
      if (isStale(err)) void message.warning(t('errors.staleReloaded'));
      else notifyError(err);
    } finally {
      setBusy(null);
    }
    changed();
  };

  const withdrawButton = (a: ApplicationWithLot) =>
    a.status === 'submitted' && a.lotStatus === 'open' ? (
      <Popconfirm title={label('withdrawConfirm')} okText={label('withdraw')} cancelText={t('common.cancel')} onConfirm={() => void withdraw(a)}>
        <Button size="small" danger icon={<RollbackOutlined />} loading={busy === a.id} data-testid="application-withdraw">
          {label('withdraw')}
        </Button>
      </Popconfirm>
    ) : null;

  const columns: TableColumnsType<LotRow> = [
    { title: label('lotNo'), dataIndex: 'lotNo', className: 'zj-nowrap', responsive: ['sm'], render: (v: string, l) => <Link to={lotPath(l.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    {
      title: label('product'),
      key: 'product',
      render: (_: unknown, l) => (
        <Space size={4} wrap>
          {!screens.sm && (
            <Link to={lotPath(l.id)} style={{ fontFamily: 'monospace' }}>
              {l.lotNo}
            </Link>
          )}
          <ProductName code={l.productCode} name={l.productName} />
          {mine.data && (scope.has(l.productCode) ? <Tag color="green">{label('inScope')}</Tag> : <Tag color="red">{label('outOfScope')}</Tag>)}
        </Space>
      ),
    },
    { title: label('quarter'), key: 'quarter', className: 'zj-nowrap', responsive: ['sm'], render: (_: unknown, l) => t('spotcheckLots.yearQuarter', { year: l.year, quarter: l.quarter }) },
    { title: label('batches'), dataIndex: 'batches', className: 'zj-nowrap', responsive: ['sm'], align: 'right' },
    { title: label('dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => formatDate(v) },
    { title: label('plan'), dataIndex: 'planName', responsive: ['lg'] },
    {
      title: label('myApplication'),
      key: 'mine',
      className: 'zj-nowrap',
      render: (_: unknown, l) => {
        const a = appOf.get(l.id);
        if (a)
          return (
            <Space size={4}>
              <ApplicationStatusTag status={a.status} />
              {withdrawButton(a)}
            </Space>
          );
        return (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setApplying(l)} disabled={apps.loading} data-testid="open-lot-apply">
            {label('apply')}
          </Button>
        );
      },
    },
  ];

  const appColumns: TableColumnsType<ApplicationWithLot> = [
    {
      title: label('lotNo'),
      dataIndex: 'lotNo',
      render: (v: string, a) => (
        <Space direction="vertical" size={0}>
          <Link to={lotPath(a.lotId)} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {v}
          </Link>
          {!screens.sm && (
            <Typography.Text type="secondary">
              {a.productName} · {yuan(a.price)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: label('product'), key: 'product', responsive: ['sm'], render: (_: unknown, a) => <ProductName code={a.productCode} name={a.productName} /> },
    { title: label('quarter'), key: 'quarter', className: 'zj-nowrap', responsive: ['md'], render: (_: unknown, a) => t('spotcheckLots.yearQuarter', { year: a.year, quarter: a.quarter }) },
    { title: label('price'), dataIndex: 'price', className: 'zj-nowrap', align: 'right', responsive: ['sm'], render: (v: number) => yuan(v) },
    { title: label('capacity'), dataIndex: 'capacity', className: 'zj-nowrap', align: 'right', responsive: ['md'] },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, a) => <ApplicationStatusTag status={a.status} /> },
    { title: label('lotStatus'), dataIndex: 'lotStatus', className: 'zj-nowrap', responsive: ['lg'], render: (_: unknown, a) => <LotStatusTag status={a.lotStatus} /> },
    { title: label('appliedAt'), dataIndex: 'createdAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
    { title: t('common.actions'), key: 'actions', className: 'zj-nowrap', render: (_: unknown, a) => withdrawButton(a) },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ListPage<LotRow, LotQuery>
        title={label('openLotsTitle')}
        fetch={lotsApi.lots}
        extraQuery={OPEN}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        banner={<Alert type="info" showIcon message={label('openLotsHint')} style={{ marginBottom: 16 }} />}
        tableProps={{ scroll: screens.sm ? { x: 'max-content' } : undefined, locale: { emptyText: label('noOpenLots') } }}
        filters={
          <>
            <Form.Item name="year" label={label('year')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="quarter" label={label('quarter')}>
              <Select allowClear style={{ width: 110 }} options={QUARTERS.map((q) => ({ value: q, label: t('spotcheckLots.quarterN', { n: q }) }))} />
            </Form.Item>
          </>
        }
      />
      <Card title={label('myApplications')} data-testid="my-applications">
        <Table<ApplicationWithLot>
          size="small"
          rowKey="id"
          columns={appColumns}
          dataSource={apps.data?.items ?? []}
          loading={apps.loading}
          scroll={screens.sm ? { x: 'max-content' } : undefined}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          onRow={(a) => ({ onDoubleClick: () => navigate(lotPath(a.lotId)) })}
        />
        {apps.data && apps.data.total > apps.data.items.length && <Typography.Text type="secondary">{t('common.total', { count: apps.data.total })}</Typography.Text>}
      </Card>
      <ApplyModal
        lot={applying}
        defaultPrice={mine.data?.price}
        onClose={() => setApplying(null)}
        onApplied={() => {
          void message.success(label('applied'));
          changed();
        }}
      />
    </Space>
  );
}
