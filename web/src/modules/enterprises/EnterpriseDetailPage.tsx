import { Card, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import type { Enterprise } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { Loaded, slotItems } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from './detailTabs';
import { enterprisesApi } from './enterprises.api';
import { CreditClassTag, StatusTag } from './enterpriseLabels';

export function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
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

  if (error || !enterprise) return <DetailPending error={error} loading={loading} />;

  const tabs = slotItems(enterpriseDetailTabs)
    .filter((tab) => !tab.permission || can(tab.permission))
    .sort((a, b) => a.order - b.order);
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="enterprise-header"
        back={{ path: '/enterprises', label: t('enterprises.backToList') }}
        title={enterprise.name}
        tags={
          <>
            <StatusTag status={enterprise.status} />
            <CreditClassTag value={enterprise.creditClass} />
          </>
        }
        subtitle={
          <>
            {t('enterprises.uscc')}
            {t('common.colon')}
            <Typography.Text copyable code>
              {enterprise.uscc}
            </Typography.Text>
          </>
        }
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={tabs.map((tab) => ({
            key: tab.key,
            label: t(tab.label),
            children: (
              <Loaded>
                <tab.component enterprise={enterprise} onChanged={onChanged} />
              </Loaded>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
