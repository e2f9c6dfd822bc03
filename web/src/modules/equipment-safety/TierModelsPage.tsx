import { Button, Card, DatePicker, Form, Input, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, formatDateTime, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type TierModel, type TierModelInput } from './equipmentSafety.api';
import './equipmentSafety.pages.i18n';

interface Values {
  effectiveFrom: Dayjs;
  config: string;
  note?: string;
}

/** 分级模型: the versions of the tier score (weights and tier bounds as data); a new version applies from its date. */
export function TierModelsPage() {
  const { t } = useTranslation();
  const { data, loading, reload } = useAsync(eqApi.tierModels);
  const [creating, setCreating] = useState(false);
  const models = [...(data?.items ?? [])].sort((a, b) => b.version - a.version);
  const latest = models[0];
  return (
    <Card
      title={t('eqs.menuTierModels')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('eqs.tierModelCreate')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('eqs.tierModelsExplain')}</Typography.Paragraph>
      <Table<TierModel>
        size="middle"
        rowKey="version"
        loading={loading}
        dataSource={models}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (m) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(m.config, null, 2)}</pre> }}
        columns={[
          { title: t('eqs.version'), dataIndex: 'version' },
          { title: t('eqs.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string) => formatDate(v) },
          { title: t('eqs.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: t('eqs.createdBy'), dataIndex: 'createdByName', responsive: ['md'] },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), responsive: ['md'] },
        ]}
      />
      <FormModal<Values>
        open={creating}
        title={t('eqs.tierModelCreate')}
        width={720}
        initialValues={{ effectiveFrom: todayInChina().add(1, 'day'), config: latest ? JSON.stringify(latest.config, null, 2) : '{}' }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await eqApi.createTierModel({ effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), config: JSON.parse(v.config) as TierModelInput['config'], ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
          reload();
        }}
      >
        <Form.Item name="effectiveFrom" label={t('eqs.effectiveFrom')} rules={[{ required: true, message: t('common.required', { field: t('eqs.effectiveFrom') }) }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="config"
          label={t('eqs.tierConfig')}
          rules={[
            {
              validator: async (_, value: string) => {
                try {
                  const parsed: unknown = JSON.parse(value);
                  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
                } catch {
                  throw new Error(t('eqs.tierConfigInvalid'));
                }
              },
            },
          ]}
        >
          <Input.TextArea rows={14} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="note" label={t('eqs.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
