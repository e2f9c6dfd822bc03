import { Button, Card, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Enterprise } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { errorText } from '../../app/errors';
import { useAsync } from '../../app/hooks/useAsync';
import { NotFoundPage } from '../../app/pages/ErrorPages';
import { enterpriseDetailTabs } from './detailTabs';
import { enterprisesApi } from './enterprises.api';
import { CreditClassTag, StatusTag } from './enterpriseLabels';

export function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const uscc = useParams().uscc ?? '';
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useAsync(() => enterprisesApi.get(uscc), uscc);
  // the answer of the last save, shown at once (no reload race with a quick second edit)
  const [saved, setSaved] = useState<Enterprise | null>(null);
  const enterprise = saved && saved.id === data?.id ? saved : data;
  const onChanged = (next?: Enterprise) => {
    setSaved(next ?? null);
    if (!next) reload();
  };

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <Result status="error" title={errorText(error, t)} />;
  if (!enterprise) return <Card loading={loading}><Skeleton /></Card>;

  const tabs = enterpriseDetailTabs
    .filter((tab) => !tab.permission || can(tab.permission))
    .sort((a, b) => a.order - b.order);
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="enterprise-header">
        <Space direction="vertical" size={4}>
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }} onClick={() => navigate('/enterprises')}>
            {t('enterprises.backToList')}
          </Button>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {enterprise.name}
            </Typography.Title>
            <StatusTag status={enterprise.status} />
            <CreditClassTag value={enterprise.creditClass} />
          </Space>
          <Typography.Text type="secondary">
            {t('enterprises.uscc')}：
            <Typography.Text copyable code>
              {enterprise.uscc}
            </Typography.Text>
          </Typography.Text>
        </Space>
      </Card>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={tabs.map((tab) => ({
            key: tab.key,
            label: t(tab.label),
            children: <tab.component enterprise={enterprise} onChanged={onChanged} />,
          }))}
        />
      </Card>
    </Space>
  );
}
