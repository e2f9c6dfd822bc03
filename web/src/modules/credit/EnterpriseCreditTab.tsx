import { Button, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { DetailPending } from '../../app/components/DetailHeader';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import type { EnterpriseTabProps } from '../enterprises';
import { archivePath, creditApi } from './credit.api';
import { CreditClassTag, ListedTag, points } from './labels';
import './credit.pages.i18n';

/** 质量信用 tab of the enterprise page: class, score and override at a glance, and the way to the archive. */
export function EnterpriseCreditTab({ enterprise }: EnterpriseTabProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const found = useAsync(() => creditApi.credit(enterprise.uscc), enterprise.uscc);
  if (!found.data) return <DetailPending error={found.error} loading={found.loading} />;
  const c = found.data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('credit.class')}>
          <Space size={4}>
            <CreditClassTag value={c.class} />
            {c.listed && <ListedTag />}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('credit.score')}>{points(c.score)}</Descriptions.Item>
        <Descriptions.Item label={t('credit.modelVersion')}>{t('credit.versionN', { n: c.modelVersion })}</Descriptions.Item>
        <Descriptions.Item label={t('credit.computedAt')}>{formatDateTime(c.computedAt)}</Descriptions.Item>
        {c.override && (
          <Descriptions.Item label={t('credit.override')} span={{ xs: 1, sm: 2, lg: 4 }}>
            {t('credit.overrideLine', { value: c.override.class, until: c.override.until, reason: c.override.reason })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Button type="primary" onClick={() => navigate(archivePath(enterprise.uscc))} data-testid="open-credit-archive">
        {t('credit.openArchive')}
      </Button>
    </Space>
  );
}
