import { App, Button, Col, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { PassRate } from './labels';
import { casePagePath, complaintPath, spotchecksApi, type HistoryInput, type HistoryYear, type LinkKind, type ProductHistory, type ProductLink, type ProductSuggestion } from './spotchecks.api';
import './spotchecks.pages.i18n';

interface TabProps {
  history: ProductHistory | undefined;
  loading: boolean;
}

type HistoryValues = HistoryInput & { year: number };

/** 历年情况: batches, passed, pass rate (— for a year without batches) and failing items per year; past years entered by hand. */
export function HistoryTab({ productId, history, loading, mayEdit, onChanged }: TabProps & { productId: string; mayEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const rules = useRequiredRules();
  const [editing, setEditing] = useState<Partial<HistoryValues> | null>(null);
  const label = (key: string) => t(`spotchecks.${key}`);
  const thisYear = todayInChina().year();

  const save = async ({ year, batches, passed, failingItems, note }: HistoryValues) => {
    await spotchecksApi.putHistory(productId, year, { batches, passed, failingItems: (failingItems ?? []).map((s) => s.trim()).filter(Boolean), note: note?.trim() || undefined });
    void message.success(t('common.saved'));
    onChanged();
  };
  const remove = async (year: number) => {
    try {
      await spotchecksApi.deleteHistory(productId, year);
      void message.success(t('common.deleted'));
      onChanged();
    } catch (err) {
      notifyError(err);
    }
  };

  const columns: TableColumnsType<HistoryYear> = [
    { title: label('year'), dataIndex: 'year', className: 'zj-nowrap' },
    { title: label('batches'), dataIndex: 'batches', className: 'zj-nowrap' },
    { title: label('passed'), dataIndex: 'passed', className: 'zj-nowrap' },
    { title: label('passRate'), dataIndex: 'passRate', render: (v: number | null) => <PassRate rate={v} bar /> },
    {
      title: label('failingItems'),
      dataIndex: 'failingItems',
      render: (items: HistoryYear['failingItems']) =>
        items.length ? (
          <Space size={[4, 4]} wrap>
            {items.map((i) => (
              <Tag key={i.item} color="red">
                {i.count > 1 ? `${i.item} ×${i.count}` : i.item}
              </Tag>
            ))}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    { title: label('source'), dataIndex: 'source', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => <Tag>{t(`spotchecks.historySources.${v}`, { defaultValue: v })}</Tag> },
    ...(mayEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            render: (_: unknown, y: HistoryYear) =>
              y.year < thisYear && y.source !== 'system' ? (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ year: y.year, batches: y.batches, passed: y.passed, failingItems: y.failingItems.map((i) => i.item) })}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={label('deleteHistoryConfirm')} onConfirm={() => void remove(y.year)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="product-history">
      {mayEdit && (
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ year: thisYear - 1, failingItems: [] })} data-testid="history-add">
            {label('addHistory')}
          </Button>
          <Typography.Text type="secondary">{label('historyHint')}</Typography.Text>
        </Space>
      )}
      <Table<HistoryYear> size="small" rowKey="year" columns={columns} dataSource={history?.years ?? []} loading={loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noHistory') }} />
      <FormModal<HistoryValues> open={!!editing} title={label('historyTitle')} initialValues={editing ?? undefined} onClose={() => setEditing(null)} onSubmit={save}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={label('year')} rules={rules.selectRequired(label('year'))} extra={label('pastYearsOnly')}>
              <InputNumber min={2000} max={thisYear - 1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="batches" label={label('batches')} rules={rules.selectRequired(label('batches'))}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="passed"
              label={label('passed')}
              dependencies={['batches']}
              rules={[
                ...rules.selectRequired(label('passed')),
                ({ getFieldValue }) => ({
                  validator: (_, v: number | undefined) => (v === undefined || v <= ((getFieldValue('batches') as number | undefined) ?? 0) ? Promise.resolve() : Promise.reject(new Error(label('passedOverBatches')))),
                }),
              ]}
            >
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="failingItems" label={label('failingItems')} extra={label('failingItemsHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} />
        </Form.Item>
        <Form.Item name="note" label={label('note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A complaint or a case found by its number (or the record's ID pasted as it is). */
function RefSelect({ kind, value, onChange }: { kind: LinkKind; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const mayFind = can(kind === 'complaint' ? 'complaint.read' : 'case.read');
  const text = q.trim();
  const found = useAsync(async () => {
    if (!mayFind || text.length < 2 || UUID.test(text)) return [];
    if (kind === 'complaint') return (await spotchecksApi.findComplaints(text)).items.map((c) => ({ value: c.id, label: `${c.trackingNo} ${c.subjectName ?? ''}`.trim() }));
    return (await spotchecksApi.findCases(text)).items.map((c) => ({ value: c.id, label: `${c.caseNo ?? ''} ${c.partyName}`.trim() }));
  }, `${kind}:${text}`);
  const options = [...(found.data ?? [])];
  if (UUID.test(text) && !options.some((o) => o.value === text)) options.push({ value: text, label: text });
  return (
    <Select
      showSearch
      allowClear
      value={value || undefined}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      loading={found.loading}
      options={options}
      placeholder={t(mayFind ? 'spotchecks.refSearchHint' : 'spotchecks.refIdHint')}
      notFoundContent={text.length < 2 ? null : undefined}
      style={{ width: 360, maxWidth: '100%' }}
      data-testid="link-ref"
    />
  );
}

/** 关联投诉/案件: complaints and cases about the product (linked by their id; shown by their numbers). */
export function LinksTab({ productId, history, loading, mayEdit, onChanged }: TabProps & { productId: string; mayEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [kind, setKind] = useState<LinkKind>('complaint');
  const [refId, setRefId] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (key: string) => t(`spotchecks.${key}`);

  const link = async () => {
    const id = refId.trim();
    if (!id) return;
    setBusy(true);
    try {
      const made = await spotchecksApi.link(productId, kind, id);
      void message.success(t('spotchecks.linked', { no: made.refNo }));
      setRefId('');
      onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  const unlink = async (l: ProductLink) => {
    try {
      await spotchecksApi.unlink(productId, l.id);
      void message.success(t('spotchecks.unlinked'));
      onChanged();
    } catch (err) {
      notifyError(err);
    }
  };

  const columns = (k: LinkKind): TableColumnsType<ProductLink> => [
    {
      title: label(k === 'complaint' ? 'complaintNo' : 'caseNo'),
      dataIndex: 'refNo',
      className: 'zj-nowrap',
      render: (v: string, l) => (
        <Link to={k === 'complaint' ? complaintPath(l.refId) : casePagePath(l.refId)} style={{ fontFamily: 'monospace' }}>
          {v}
        </Link>
      ),
    },
    { title: label(k === 'complaint' ? 'complaintOn' : 'caseOn'), dataIndex: 'refOn', className: 'zj-nowrap', render: (v: string) => formatDate(v) },
    { title: label('linkedBy'), dataIndex: 'linkedByName', responsive: ['sm'] },
    ...(mayEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            render: (_: unknown, l: ProductLink) => (
              <Popconfirm title={label('unlinkConfirm')} onConfirm={() => void unlink(l)} okText={label('unlink')} cancelText={t('common.cancel')}>
                <Button type="link" size="small" danger>
                  {label('unlink')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="product-links">
      {mayEdit && (
        <Space wrap>
          <Radio.Group
            optionType="button"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as LinkKind);
              setRefId('');
            }}
            options={[
              { value: 'complaint', label: label('complaint') },
              { value: 'case', label: label('case') },
            ]}
          />
          <RefSelect kind={kind} value={refId} onChange={setRefId} />
          <Button type="primary" icon={<LinkOutlined />} loading={busy} onClick={() => void link()} data-testid="link-add">
            {label('link')}
          </Button>
        </Space>
      )}
      <Table<ProductLink> size="small" title={() => <Typography.Text strong>{label('linkedComplaints')}</Typography.Text>} rowKey="id" columns={columns('complaint')} dataSource={history?.complaints ?? []} loading={loading} pagination={false} scroll={{ x: 'max-content' }} />
      <Table<ProductLink> size="small" title={() => <Typography.Text strong>{label('linkedCases')}</Typography.Text>} rowKey="id" columns={columns('case')} dataSource={history?.cases ?? []} loading={loading} pagination={false} scroll={{ x: 'max-content' }} />
    </Space>
  );
}

/** 县区建议: what county bureaus suggested about the product, by year. */
export function SuggestionsTab({ history, loading }: TabProps) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotchecks.${key}`);
  const columns: TableColumnsType<ProductSuggestion> = [
    { title: label('planYear'), dataIndex: 'year', className: 'zj-nowrap' },
    { title: label('suggestedBy'), dataIndex: 'orgName', className: 'zj-nowrap' },
    { title: label('enterpriseName'), dataIndex: 'enterpriseName', render: (v: string | null) => v ?? t('common.none') },
    { title: label('reason'), dataIndex: 'reason', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: label('createdBy'), dataIndex: 'createdByName', responsive: ['md'], render: (v: string, s) => `${v} · ${formatDateTime(s.createdAt)}` },
  ];
  return <Table<ProductSuggestion> data-testid="product-suggestions" size="small" rowKey="id" columns={columns} dataSource={history?.suggestions ?? []} loading={loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('noSuggestions') }} />;
}
