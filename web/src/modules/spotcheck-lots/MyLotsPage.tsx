import { Alert, Grid, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PageQuery } from '../../api/types';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { LotStatusTag, ProductName, yuan } from './labels';
import { LotSamples } from './LotParts';
import { lotPath, lotsApi, type ApplicationWithLot } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

const chosen = (q: PageQuery) => lotsApi.myApplications({ ...q, status: 'chosen' });

/**
 * 我的批次 (an institution account): the lots it was chosen for, each with its samples; a sample
 * taken opens its page for the results entry.
 */
export function MyLotsPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // every lot opened on its samples (a lot closed by hand stays closed)
  const [keys, setKeys] = useState<string[]>([]);
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const fetch = useCallback(async (q: PageQuery) => {
    const r = await chosen(q);
    setKeys(r.items.map((a) => a.id));
    return r;
  }, []);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const columns: TableColumnsType<ApplicationWithLot> = [
    { title: label('lotNo'), dataIndex: 'lotNo', className: 'zj-nowrap', render: (v: string, a) => <Link to={lotPath(a.lotId)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('product'), key: 'product', render: (_: unknown, a) => <ProductName code={a.productCode} name={a.productName} /> },
    { title: label('quarter'), key: 'quarter', className: 'zj-nowrap', responsive: ['md'], render: (_: unknown, a) => t('spotcheckLots.yearQuarter', { year: a.year, quarter: a.quarter }) },
    { title: label('batches'), dataIndex: 'batches', className: 'zj-nowrap', align: 'right' },
    { title: label('price'), dataIndex: 'price', className: 'zj-nowrap', align: 'right', responsive: ['lg'], render: (v: number) => yuan(v) },
    { title: label('dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', render: (v: string) => formatDate(v) },
    { title: label('status'), dataIndex: 'lotStatus', className: 'zj-nowrap', render: (_: unknown, a) => <LotStatusTag status={a.lotStatus} /> },
  ];
  return (
    <ListPage<ApplicationWithLot, PageQuery>
      title={label('myLotsTitle')}
      fetch={fetch}
      rowKey="id"
      columns={columns}
      banner={<Alert type="info" showIcon message={label('myLotsHint')} style={{ marginBottom: 16 }} />}
      tableProps={{
        scroll: { x: 'max-content' },
        locale: { emptyText: label('noMyLots') },
        expandable: {
          expandedRowRender: (a) =>
            a.lotStatus === 'open' || a.lotStatus === 'assigned' ? (
              <Typography.Text type="secondary">{label('noSamples')}</Typography.Text>
            ) : (
              <LotSamples lotId={a.lotId} institution phone={!screens.md} />
            ),
          expandedRowKeys: keys.filter((k) => !closed.has(k)),
          onExpand: (expanded, a) =>
            setClosed((c) => {
              const next = new Set(c);
              if (expanded) next.delete(a.id);
              else next.add(a.id);
              return next;
            }),
        },
      }}
    />
  );
}
