import { Button, Card, Descriptions, Empty, Grid, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { useAsync } from '../../app/hooks/useAsync';
import { sampleText, useMayPlan, yuan } from './labels';
import { HistoryTab, LinksTab, SuggestionsTab } from './ProductHistoryTabs';
import { ProducersTab } from './ProducersTab';
import { ProductFormModal } from './ProductFormModal';
import { spotchecksApi, type Product, type TestItem } from './spotchecks.api';
import './spotchecks.pages.i18n';

/** 实施细则: the sample per batch, the test items, the standards cited. */
function RuleTab({ p }: { p: Product }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotchecks.${key}`);
  const layout = Grid.useBreakpoint().sm === false ? ('vertical' as const) : ('horizontal' as const);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="product-rule">
      <Descriptions
        bordered
        size="small"
        layout={layout}
        column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
        items={[
          { key: 'sample', label: label('samplePerBatch'), children: sampleText(p, t) },
          { key: 'cost', label: label('batchCost'), children: yuan(p.batchCost) },
          { key: 'impact', label: label('impact'), children: p.impact },
          ...(p.note ? [{ key: 'note', label: label('note'), span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.note}</span> }] : []),
        ]}
      />
      <Table<TestItem & { key: number }>
        size="small"
        title={() => <Typography.Text strong>{label('testItems')}</Typography.Text>}
        rowKey="key"
        dataSource={p.testItems.map((i, key) => ({ ...i, key }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: label('noTestItems') }}
        columns={[
          { title: '#', key: 'n', width: 48, render: (_: unknown, __, i) => i + 1 },
          { title: label('itemName'), dataIndex: 'name', className: 'zj-nowrap', render: (v: string, i) => (i.critical ? <Space size={4}>{v}<Tag color="red">{label('criticalShort')}</Tag></Space> : v) },
          { title: label('requirement'), dataIndex: 'requirement', render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', minWidth: 200, maxWidth: 520 }}>{v}</div> },
          { title: label('method'), dataIndex: 'method' },
        ]}
      />
      <div>
        <Typography.Text strong>{label('standards')}</Typography.Text>
        {p.standards.length ? (
          <List size="small" dataSource={p.standards} renderItem={(s) => <List.Item style={{ paddingInline: 0 }}>{s}</List.Item>} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noStandards')} />
        )}
      </div>
    </Space>
  );
}

/** A product of the catalogue: its implementing rule, producers, history by year, linked complaints and cases, county suggestions. */
export function ProductDetailPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const mayPlan = useMayPlan();
  const { data, error, loading, reload } = useAsync(() => spotchecksApi.product(id), id);
  const history = useAsync(() => spotchecksApi.history(id), id);
  const label = (key: string) => t(`spotchecks.${key}`);
  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const p = data;
  const h = history.data;
  const tab = params.get('tab') ?? 'rule';
  const count = (n: number | undefined) => (n ? ` (${n})` : '');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="product-header"
        back={{ path: '/spotcheck/products', label: label('backToProducts') }}
        title={
          <>
            <span style={{ fontFamily: 'monospace' }}>{p.code}</span> {p.name}
          </>
        }
        tags={
          <>
            <Tag>{t(`spotchecks.categories.${p.category}`, { defaultValue: p.category })}</Tag>
            <Tag color={p.impact >= 4 ? 'red' : 'default'}>{t('spotchecks.impactTag', { value: p.impact })}</Tag>
            {!p.active && <Tag>{label('activeNo')}</Tag>}
          </>
        }
        subtitle={`${label('producerCount')} ${p.producerCount} · ${label('batchCost')} ${yuan(p.batchCost)}`}
      >
        {mayPlan && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="product-edit">
            {label('editProduct')}
          </Button>
        )}
      </DetailHeader>
      <Card>
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) =>
            setParams(
              (cur) => {
                const next = new URLSearchParams(cur);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={[
            { key: 'rule', label: label('tabRule'), children: <RuleTab p={p} /> },
            { key: 'producers', label: `${label('tabProducers')}${count(p.producerCount)}`, children: <ProducersTab productId={p.id} mayEdit={mayPlan} onChanged={reload} /> },
            { key: 'history', label: label('tabHistory'), children: <HistoryTab productId={p.id} history={h} loading={history.loading} mayEdit={mayPlan} onChanged={history.reload} /> },
            { key: 'links', label: `${label('tabLinks')}${count((h?.complaints.length ?? 0) + (h?.cases.length ?? 0))}`, children: <LinksTab productId={p.id} history={h} loading={history.loading} mayEdit={mayPlan} onChanged={history.reload} /> },
            { key: 'suggestions', label: `${label('tabSuggestions')}${count(h?.suggestions.length)}`, children: <SuggestionsTab history={h} loading={history.loading} /> },
          ]}
        />
      </Card>
      <ProductFormModal
        open={editing}
        product={p}
        onClose={() => setEditing(false)}
        onSaved={() => {
          reload();
          history.reload();
        }}
        onStale={reload}
      />
    </Space>
  );
}
