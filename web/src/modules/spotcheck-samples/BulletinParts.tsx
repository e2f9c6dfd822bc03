import { Form, Input, InputNumber, Select, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../app/hooks/useAsync';
import { ConclusionTag } from './labels';
import { samplesApi, type FinalSample, type FinalSampleQuery } from './spotcheckSamples.api';

export interface BulletinValues {
  title: string;
  year: number;
  quarter?: number | null;
}

/** The bulletin's title, year and quarter. */
export function BulletinFields() {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return (
    <>
      <Form.Item name="title" label={label('bulletinTitle')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="year" label={label('year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="quarter" label={label('quarter')}>
          <Select allowClear style={{ width: 120 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('spotcheckSamples.quarterN', { n: q }) }))} />
        </Form.Item>
      </Space>
    </>
  );
}

/**
 * The final samples to put in a bulletin (GET /api/spotcheck/final-samples), filtered by year,
 * quarter, product code and "not yet published"; a checkbox per sample. `value` the chosen ids.
 */
export function FinalSamplePicker({ year, value, onChange }: { year: number; value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const [q, setQ] = useState<FinalSampleQuery>({ year, unpublished: true, pageSize: 500 });
  const list = useAsync(() => samplesApi.finalSamples(q), JSON.stringify(q));
  const columns: TableColumnsType<FinalSample> = [
    { title: label('sampleNo'), dataIndex: 'sampleNo', className: 'zj-nowrap', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: label('product'), key: 'p', render: (_: unknown, s) => `${s.productCode} ${s.productName}` },
    { title: label('enterprise'), dataIndex: 'enterpriseName' },
    { title: label('region'), dataIndex: 'regionName', responsive: ['md'] },
    { title: label('conclusion'), dataIndex: 'conclusion', className: 'zj-nowrap', render: (v: FinalSample['conclusion']) => <ConclusionTag value={v} /> },
    { title: label('failingItems'), dataIndex: 'failingItems', responsive: ['lg'], render: (v: string[]) => (v.length ? v.join('、') : '—') },
    { title: label('inBulletin'), dataIndex: 'bulletinNo', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="final-sample-picker">
      <Space wrap>
        <InputNumber addonBefore={label('year')} value={q.year} min={2000} max={2100} precision={0} onChange={(v) => setQ({ ...q, year: v ?? undefined })} />
        <Select
          allowClear
          placeholder={label('quarter')}
          style={{ width: 120 }}
          value={q.quarter}
          onChange={(v: number | undefined) => setQ({ ...q, quarter: v })}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('spotcheckSamples.quarterN', { n }) }))}
        />
        <Input.Search allowClear placeholder={label('productCode')} style={{ width: 160 }} onSearch={(v) => setQ({ ...q, productCode: v || undefined })} />
        <Space size={4}>
          <Switch checked={!!q.unpublished} onChange={(v) => setQ({ ...q, unpublished: v || undefined })} />
          <Typography.Text>{label('unpublishedOnly')}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('spotcheckSamples.pickedN', { n: value.length })}</Typography.Text>
      </Space>
      <Table<FinalSample>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content', y: 360 }}
        rowSelection={{ selectedRowKeys: value, onChange: (keys) => onChange(keys as string[]), preserveSelectedRowKeys: true }}
      />
    </Space>
  );
}
