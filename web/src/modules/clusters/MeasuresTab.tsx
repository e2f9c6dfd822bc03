import { App, Button, DatePicker, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { clustersApi, MEASURE_KINDS, type Cluster, type Measure, type MeasureKind } from './clusters.api';
import './clusters.pages.i18n';

/** Measures taken on the cluster (稽查建议, 技术指导, 舆论引导, other), newest first. */
export function MeasuresTab({ cluster, onChanged }: { cluster: Cluster; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const rules = useRequiredRules();
  const measures = useAsync(() => clustersApi.measures(cluster.id), cluster.id);
  const [adding, setAdding] = useState(false);
  const label = (key: string) => t(`clusters.measures.${key}`);
  const items = measures.data?.items ?? [];

  const columns: TableColumnsType<Measure> = [
    { title: label('takenOn'), dataIndex: 'takenOn', className: 'zj-nowrap', render: (v: string) => formatDate(v) },
    { title: label('kind'), dataIndex: 'kind', className: 'zj-nowrap', render: (v: MeasureKind) => <Tag>{t(`clusters.measures.kinds.${v}`, { defaultValue: v })}</Tag> },
    { title: label('description'), dataIndex: 'description', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: label('by'), dataIndex: 'createdByName', className: 'zj-nowrap', responsive: ['md'] },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {can('cluster.manage') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="cluster-add-measure">
          {label('add')}
        </Button>
      )}
      <Table<Measure> data-testid="cluster-measures" size="small" rowKey="id" columns={columns} dataSource={items} loading={measures.loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('empty') }} />
      <FormModal<{ kind: MeasureKind; takenOn: Dayjs; description: string }>
        open={adding}
        title={label('addTitle')}
        initialValues={{ takenOn: todayInChina() }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await clustersApi.addMeasure(cluster.id, { kind: v.kind, takenOn: v.takenOn.format('YYYY-MM-DD'), description: v.description.trim() });
          void message.success(label('saved'));
          measures.reload();
          onChanged();
        }}
      >
        <Form.Item name="kind" label={label('kind')} rules={rules.selectRequired(label('kind'))}>
          <Select options={MEASURE_KINDS.map((k) => ({ value: k, label: t(`clusters.measures.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="takenOn" label={label('takenOn')} rules={rules.selectRequired(label('takenOn'))}>
          <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={label('description')} rules={rules.required(label('description'))}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
