import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { AccountList } from './AccountList';
import { RequestList } from './RequestList';
import './accounts.pages.i18n';

/**
 * 企业账号: the accounts of enterprises in the officer's scope and the applications from the
 * public site. `/enterprise-accounts/requests/:id` (the to-do's link) opens one application.
 */
export function EnterpriseAccountsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params] = useSearchParams();
  const tab = id || params.get('tab') === 'requests' ? 'requests' : 'accounts';

  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('entAccounts.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'requests' ? '/enterprise-accounts?tab=requests' : '/enterprise-accounts')}
        items={[
          { key: 'accounts', label: t('entAccounts.tabAccounts'), children: <AccountList /> },
          {
            key: 'requests',
            label: t('entAccounts.tabRequests'),
            children: <RequestList openId={id ?? null} onOpen={(open) => navigate(open ? `/enterprise-accounts/requests/${open}` : '/enterprise-accounts?tab=requests')} />,
          },
        ]}
      />
    </Card>
  );
}

/** The enterprise page's tab: that enterprise's accounts. */
export function EnterpriseAccountsTab({ enterprise }: { enterprise: { uscc: string } }) {
  return <AccountList uscc={enterprise.uscc} />;
}
