import { Button, Card, Collapse, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailPending } from '../../app/components/DetailHeader';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { creditApi, type ModelVersion } from './credit.api';
import { ModelConfigView } from './ModelConfigView';
import { ModelFormModal } from './ModelFormModal';
import './credit.pages.i18n';

/** 信用评价模型: the version in effect today as tables, every version, a new one from the current (credit.configure). */
export function ModelPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const models = useAsync(() => creditApi.models({ page, pageSize: 20 }), page);
  // the version in effect is looked up on its own so that it shows whatever page of versions is open
  const inEffect = useAsync(async () => {
    const first = await creditApi.models({ page: 1, pageSize: 100 });
    return first.items.find((m) => m.version === first.currentVersion);
  }, models.data?.total ?? 0);
  if (!models.data) return <DetailPending error={models.error} loading={models.loading} />;
  const current = inEffect.data;
  const columns: TableColumnsType<ModelVersion> = [
    {
      title: t('credit.modelVersion'),
      dataIndex: 'version',
      className: 'zj-nowrap',
      render: (v: number) => (
        <Space>
          {t('credit.versionN', { n: v })}
          {v === models.data?.currentVersion && <Tag color="green">{t('credit.inEffect')}</Tag>}
        </Space>
      ),
    },
    { title: t('credit.effectiveFrom'), dataIndex: 'effectiveFrom', className: 'zj-nowrap' },
    { title: t('credit.factorCount'), key: 'factors', align: 'right', render: (_: unknown, m) => m.config.factors.length },
    { title: t('credit.note'), dataIndex: 'note', render: (v: string | null) => v ?? t('common.none') },
    { title: t('credit.createdBy'), dataIndex: 'createdByName', className: 'zj-nowrap', responsive: ['md'] },
    { title: t('common.createdAt'), dataIndex: 'createdAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={current ? t('credit.modelInEffect', { n: current.version, from: current.effectiveFrom }) : t('credit.modelsTitle')}
        extra={
          can('credit.configure') && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!current} onClick={() => setCreating(true)} data-testid="model-create">
              {t('credit.newModel')}
            </Button>
          )
        }
      >
        {current ? <ModelConfigView config={current.config} /> : <Typography.Text type="secondary">{t('credit.noModel')}</Typography.Text>}
      </Card>
      <Card title={t('credit.modelVersions')}>
        <Table<ModelVersion>
          size="middle"
          rowKey="version"
          columns={columns}
          dataSource={models.data.items}
          loading={models.loading}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (m) => <ModelConfigView config={m.config} />, rowExpandable: (m) => m.version !== current?.version }}
          pagination={{ current: page, pageSize: 20, total: models.data.total, onChange: setPage, hideOnSinglePage: true }}
        />
      </Card>
      <Collapse
        ghost
        items={[{ key: 'rules', label: t('credit.modelRulesTitle'), children: <Typography.Paragraph type="secondary">{t('credit.modelRules')}</Typography.Paragraph> }]}
      />
      <ModelFormModal open={creating} current={current} onClose={() => setCreating(false)} onSaved={models.reload} />
    </Space>
  );
}
