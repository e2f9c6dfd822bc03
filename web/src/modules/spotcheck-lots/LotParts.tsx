import { App, Button, Card, Descriptions, Empty, Grid, List, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FormOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ApplyModal, type LotToApply } from './ApplyModal';
import { ApplicationStatusTag, LocalTag, ProductName, yuan } from './labels';
import { lotsApi, planPath, productPath, samplePath, type Application, type Lot, type SampleRow } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** The lot's product (with its implementing rule's essentials) and plan. */
export function LotInfo({ lot, staff }: { lot: Lot; staff: boolean }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const p = lot.product;
  const sampleSize =
    p.sampleSize !== null
      ? t('spotcheckLots.sampleSizeRule', { size: p.sampleSize, unit: p.sampleUnit ?? '' })
      : p.inspectionLevel && p.aql
        ? t('spotcheckLots.sampleSizeAql', { level: p.inspectionLevel, aql: p.aql })
        : t('common.none');
  return (
    <Card title={label('lotInfo')} data-testid="lot-info">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        items={[
          { key: 'product', label: label('product'), children: staff ? <Link to={productPath(p.id)}><ProductName code={p.code} name={p.name} /></Link> : <ProductName code={p.code} name={p.name} /> },
          { key: 'category', label: label('category'), children: t(`spotcheckLots.categories.${p.category}`, { defaultValue: p.category }) },
          {
            key: 'plan',
            label: label('plan'),
            children: (
              <Space size={4} wrap>
                {staff ? <Link to={planPath(lot.plan.id)}>{lot.plan.name}</Link> : lot.plan.name}
                <Tag>{t(`spotcheckLots.planKinds.${lot.plan.kind}`)}</Tag>
              </Space>
            ),
          },
          { key: 'quarter', label: label('quarter'), children: t('spotcheckLots.yearQuarter', { year: lot.year, quarter: lot.quarter }) },
          { key: 'batches', label: label('batches'), children: lot.batches },
          { key: 'dueOn', label: label('dueOn'), children: formatDate(lot.dueOn) },
          { key: 'institution', label: label('institution'), children: lot.institution ? <Space size={4}>{lot.institution.name}<LocalTag local={lot.institution.local} /></Space> : <Typography.Text type="secondary">{label('noInstitution')}</Typography.Text> },
          { key: 'sampleSize', label: label('sampleSize'), children: sampleSize },
          ...(staff ? [{ key: 'cost', label: label('batchCost'), children: yuan(p.batchCost) }] : []),
          { key: 'standards', label: label('standards'), span: 'filled', children: p.standards.length ? p.standards.join(t('common.listSeparator')) : t('common.none') },
          {
            key: 'items',
            label: label('testItems'),
            span: 'filled',
            children: (
              <Space size={[4, 4]} wrap>
                {p.testItems.map((i) => (
                  <Tag key={i.name} color={i.critical ? 'red' : undefined} title={`${i.requirement} · ${i.method}`} style={{ marginInlineEnd: 0 }}>
                    {i.critical ? `${label('critical')} ` : ''}
                    {i.name}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * 承检申请: staff see every application, an institution account its own — with its apply button
 * while the lot is open and it has none, and withdrawal of a submitted one.
 */
export function LotApplications({ lot, institution, defaultPrice, onChanged }: { lot: Lot; institution: boolean; defaultPrice?: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [applying, setApplying] = useState<LotToApply | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const screens = Grid.useBreakpoint();
  const apps = useAsync(() => lotsApi.applications(lot.id), `${lot.id}:${lot.version}:${lot.applicationCount}`);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const items = apps.data?.items ?? [];
  const open = lot.status === 'open' && !(lot.selection && !lot.selection.chosenId);

  const withdraw = async (a: Application) => {
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
    apps.reload();
    onChanged();
  };

  const withdrawButton = (a: Application) =>
    a.status === 'submitted' && open ? (
      <Popconfirm title={label('withdrawConfirm')} okText={label('withdraw')} cancelText={t('common.cancel')} onConfirm={() => void withdraw(a)}>
        <Button size="small" danger icon={<RollbackOutlined />} loading={busy === a.id} data-testid="application-withdraw">
          {label('withdraw')}
        </Button>
      </Popconfirm>
    ) : null;

  const columns: TableColumnsType<Application> = [
    { title: label('institution'), dataIndex: 'institutionName', render: (v: string, a) => <Space size={4} wrap>{v}<LocalTag local={a.local} /></Space> },
    { title: label('price'), dataIndex: 'price', className: 'zj-nowrap', align: 'right', render: (v: number) => yuan(v) },
    { title: label('capacity'), dataIndex: 'capacity', className: 'zj-nowrap', align: 'right' },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, a) => <ApplicationStatusTag status={a.status} /> },
    { title: label('note'), dataIndex: 'note', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
    { title: label('appliedAt'), dataIndex: 'createdAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
    { title: label('appliedBy'), dataIndex: 'createdByName', className: 'zj-nowrap', responsive: ['xl'] },
    ...(institution && open
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            render: (_: unknown, a: Application) => withdrawButton(a),
          },
        ]
      : []),
  ];

  const mayApply = institution && open && !apps.loading && items.length === 0;
  return (
    <Card
      title={institution ? label('myApplication') : label('applications')}
      data-testid="lot-applications"
      extra={
        mayApply && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(lot)} data-testid="lot-apply">
            {label('apply')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{label('applicationsHint')}</Typography.Paragraph>
      {!screens.md ? (
        <List<Application>
          loading={apps.loading}
          dataSource={items}
          locale={{ emptyText: label('noApplications') }}
          data-testid="applications-list"
          renderItem={(a) => (
            <List.Item key={a.id} style={{ display: 'block' }}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space size={4} wrap>
                  {a.institutionName}
                  <LocalTag local={a.local} />
                  <ApplicationStatusTag status={a.status} />
                </Space>
                <Typography.Text type="secondary">
                  {label('price')} {yuan(a.price)} · {label('capacity')} {a.capacity}
                </Typography.Text>
                {a.note && <Typography.Text>{a.note}</Typography.Text>}
                {institution && withdrawButton(a)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Application>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={apps.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noApplications')} /> }}
        />
      )}
      <ApplyModal
        lot={applying}
        defaultPrice={defaultPrice}
        onClose={() => setApplying(null)}
        onApplied={() => {
          void message.success(label('applied'));
          apps.reload();
          onChanged();
        }}
      />
    </Card>
  );
}

const SAMPLE_COLORS: Record<string, string> = { drawn: 'default', assigned: 'blue', sampled: 'processing', reported: 'gold', closed: 'green' };

export function SampleStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={SAMPLE_COLORS[status] ?? 'default'}>{t(`spotcheckLots.sampleStatuses.${status}`, { defaultValue: status })}</Tag>;
}

export function ConclusionTag({ conclusion }: { conclusion: string | null }) {
  const { t } = useTranslation();
  if (!conclusion) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return <Tag color={conclusion === 'pass' ? 'green' : 'red'}>{t(`spotcheckLots.conclusions.${conclusion}`, { defaultValue: conclusion })}</Tag>;
}

/**
 * The lot's samples (one per enterprise drawn), each linking to its page: the staff's sampling
 * work, or for the institution the results entry. On a phone: a list of cards.
 */
export function LotSamples({ lotId, institution, phone, reloadKey }: { lotId: string; institution: boolean; phone: boolean; reloadKey?: string | number }) {
  const { t } = useTranslation();
  const samples = useAsync(() => lotsApi.samples(lotId), `${lotId}:${reloadKey ?? ''}`);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const items = samples.data?.items ?? [];
  const open = (s: SampleRow) =>
    institution && s.status === 'sampled' ? (
      <Link to={samplePath(s.id)}>
        <Button size="small" type="primary" icon={<FormOutlined />} data-testid="sample-results">
          {label('enterResults')}
        </Button>
      </Link>
    ) : (
      <Link to={samplePath(s.id)}>{label('openSample')}</Link>
    );
  if (phone)
    return (
      <List<SampleRow>
        loading={samples.loading}
        dataSource={items}
        locale={{ emptyText: label('noSamples') }}
        data-testid="lot-samples"
        renderItem={(s) => (
          <List.Item key={s.id} actions={[open(s)]}>
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <Link to={samplePath(s.id)} style={{ fontFamily: 'monospace' }}>
                    {s.sampleNo}
                  </Link>
                  <SampleStatusTag status={s.status} />
                  <ConclusionTag conclusion={s.finalConclusion ?? s.conclusion} />
                </Space>
              }
              description={s.enterpriseName}
            />
          </List.Item>
        )}
      />
    );
  const columns: TableColumnsType<SampleRow> = [
    { title: label('sampleNo'), dataIndex: 'sampleNo', className: 'zj-nowrap', render: (v: string, s) => <Link to={samplePath(s.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('enterprise'), dataIndex: 'enterpriseName' },
    { title: label('uscc'), dataIndex: 'uscc', className: 'zj-nowrap', responsive: ['lg'], render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: label('samplers'), dataIndex: 'samplerNames', responsive: ['md'], render: (v: string[]) => (v.length ? v.join(t('common.listSeparator')) : t('common.none')) },
    { title: label('dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => formatDate(v) },
    { title: label('sampleStatus'), dataIndex: 'status', className: 'zj-nowrap', render: (v: string) => <SampleStatusTag status={v} /> },
    { title: label('conclusion'), key: 'conclusion', className: 'zj-nowrap', render: (_: unknown, s) => <ConclusionTag conclusion={s.finalConclusion ?? s.conclusion} /> },
    { title: t('common.actions'), key: 'open', className: 'zj-nowrap', render: (_: unknown, s) => open(s) },
  ];
  return (
    <Table<SampleRow>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={samples.loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noSamples')} /> }}
      data-testid="lot-samples"
    />
  );
}
