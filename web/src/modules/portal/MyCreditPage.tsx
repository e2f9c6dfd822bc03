import { Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../app/hooks/useAsync';
import { SelfFrame } from '../enterprise-self';
import { MyListingCard } from './MyListingCard';
import { myCreditApi } from './portal.api';
import './portal.staff.i18n';

/** 信用信息 (企业端): the enterprise's listing procedures — advance notices to answer, listings with their period and credit repair — and their outcomes. */
export function MyCreditPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useAsync(() => myCreditApi.get());
  const listings = data?.listings ?? [];
  return (
    <SelfFrame title={t('portal.menuMyCredit')} error={error} testId="my-credit">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('portal.my.intro')}
      </Typography.Paragraph>
      {data && listings.length === 0 && <Empty description={t('portal.my.none')} data-testid="my-credit-empty" />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {listings.map((l) => (
          <MyListingCard key={l.id} listing={l} repairs={(data?.repairs ?? []).filter((r) => r.listingId === l.id)} onChange={reload} />
        ))}
      </Space>
    </SelfFrame>
  );
}
