import { Card, Descriptions, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { EnterpriseHistory, StatusTag } from '../enterprises';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfFrame } from './SelfFrame';

/** 本企业信息: the enterprise's own register entry and its change history. */
export function MyEnterprisePage() {
  const { t } = useTranslation();
  const { data: e, loading, error } = useAsync(() => enterpriseSelfApi.enterprise());
  return (
    <SelfFrame title={t('entSelf.menuEnterprise')} error={error} testId="my-enterprise">
      <Card>
        {loading && !e ? (
          <Skeleton />
        ) : (
          e && (
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'name', label: t('entSelf.name'), children: e.name },
                { key: 'uscc', label: t('entSelf.uscc'), children: e.uscc },
                { key: 'status', label: t('entSelf.status'), children: <StatusTag status={e.status} /> },
                { key: 'legal', label: t('entSelf.legalRepresentative'), children: e.legalRepresentative ?? '—' },
                { key: 'address', label: t('entSelf.address'), children: e.address ?? '—' },
                { key: 'region', label: t('entSelf.region'), children: e.regionName ?? e.regionCode },
                { key: 'industry', label: t('entSelf.industry'), children: e.industryCode ?? '—' },
                { key: 'established', label: t('entSelf.establishedOn'), children: formatDate(e.establishedOn) },
                {
                  key: 'contacts',
                  label: t('entSelf.contacts'),
                  children: e.contacts.length ? e.contacts.map((c, i) => <Tag key={i}>{[c.name, c.role, c.phone].filter(Boolean).join(' · ')}</Tag>) : '—',
                },
              ]}
            />
          )
        )}
      </Card>
      {e && (
        <Card title={t('entSelf.registerHistory')} data-testid="my-enterprise-history">
          <EnterpriseHistory enterprise={e} />
        </Card>
      )}
    </SelfFrame>
  );
}
