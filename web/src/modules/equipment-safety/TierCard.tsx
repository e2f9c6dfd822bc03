import { App, Button, Card, Space, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type TierResult } from './equipmentSafety.api';
import { TierTag } from './labels';
import './equipmentSafety.pages.i18n';

/** 分级: a user unit's tier (A low … D high risk), score and the reasons behind every point. */
export function TierCard({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const loaded = useAsync(() => eqApi.tier(uscc), uscc);
  const [fresh, setFresh] = useState<TierResult | null>(null);
  const [busy, setBusy] = useState(false);
  const data = fresh ?? loaded.data;
  const { loading, error } = loaded;
  const recompute = async () => {
    setBusy(true);
    try {
      setFresh(await eqApi.recomputeTier(uscc));
      void message.success(t('eqs.tierRecomputed'));
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('eqs.tierTitle')} loading={loading && !data} data-testid="tier-card"
      extra={can('equipment.write') && <Button size="small" icon={<ReloadOutlined />} loading={busy} onClick={() => void recompute()}>{t('eqs.tierRecompute')}</Button>}
    >
      {error && !data ? (
        <Typography.Text type="secondary">{t('eqs.notAvailable')}</Typography.Text>
      ) : (
        data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space size={32} wrap align="end">
              <div>
                <Typography.Text type="secondary">{t('eqs.tier')}</Typography.Text>
                <div style={{ fontSize: 20 }}>
                  <TierTag tier={data.tier} />
                </div>
              </div>
              <Statistic title={t('eqs.score')} value={data.score} precision={1} />
              <Typography.Text type="secondary">
                {t('eqs.modelVersion', { version: data.modelVersion })}
                {data.computedAt ? ` · ${formatDateTime(data.computedAt)}` : ''}
              </Typography.Text>
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('eqs.tierExplain')}
            </Typography.Paragraph>
            <Table<TierResult['reasons'][number]>
              size="small"
              rowKey={(r) => r.factor}
              pagination={false}
              dataSource={data.reasons}
              scroll={{ x: 'max-content' }}
              data-testid="tier-reasons"
              columns={[
                { title: t('eqs.factor'), dataIndex: 'factor', render: (v: string) => t(`eqs.factors.${v}`, { defaultValue: v }) },
                { title: t('eqs.points'), dataIndex: 'points', align: 'right', render: (v: number) => (v > 0 ? `+${v}` : v) },
                { title: t('eqs.detail'), dataIndex: 'detail' },
              ]}
            />
          </Space>
        )
      )}
    </Card>
  );
}
