import { Avatar, Button, Dropdown, Space, Typography, type MenuProps } from 'antd';
import { DownOutlined, GlobalOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useSessionUser } from '../auth/AuthContext';
import { useNotifyError } from '../errors';
import { LanguageSwitch, toggleLanguage } from './LanguageSwitch';

/** What the header offers: the signed-in user, and the change-password and logout actions. */
function useAccount() {
  const user = useSessionUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  return {
    user,
    changePassword: () => navigate('/password'),
    logout: () => logout().then(() => navigate('/login', { replace: true }), notifyError),
  };
}

/** Small screens: everything behind one avatar button (who is signed in, language, password, logout). */
export function AccountMenu() {
  const { t } = useTranslation();
  const { user, changePassword, logout } = useAccount();
  const actions: Record<string, () => unknown> = { language: toggleLanguage, password: changePassword, logout };
  const items: MenuProps['items'] = [
    {
      key: 'user',
      disabled: true,
      label: (
        <Space direction="vertical" size={0} data-testid="current-user" style={{ maxWidth: 240 }}>
          <Typography.Text strong ellipsis>
            {user.displayName}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis>
            {user.orgName}
          </Typography.Text>
        </Space>
      ),
    },
    { type: 'divider' },
    { key: 'language', icon: <GlobalOutlined />, label: t('header.switchLanguage'), title: t('header.switchLanguageTitle') },
    { key: 'password', icon: <LockOutlined />, label: t('header.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
  ];
  return (
    <Dropdown trigger={['click']} placement="bottomRight" menu={{ items, onClick: ({ key }) => void actions[key]?.() }}>
      <Button type="text" aria-label={t('header.accountMenu')} data-testid="account-menu" style={{ color: 'inherit', flex: 'none' }}>
        <Avatar size="small" icon={<UserOutlined />} />
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/** Wide screens: the user (and, when there is room, their org) and the actions as buttons. */
export function AccountBar({ showOrg }: { showOrg: boolean }) {
  const { t } = useTranslation();
  const { user, changePassword, logout } = useAccount();
  return (
    <Space size="middle" style={{ color: '#fff' }}>
      <span data-testid="current-user" style={{ whiteSpace: 'nowrap' }}>
        <UserOutlined /> {user.displayName}
        {showOrg && <span style={{ opacity: 0.8, marginLeft: 8 }}>{user.orgName}</span>}
      </span>
      <LanguageSwitch />
      <Button type="text" icon={<LockOutlined />} style={{ color: 'inherit' }} onClick={changePassword}>
        {t('header.changePassword')}
      </Button>
      <Button type="text" icon={<LogoutOutlined />} style={{ color: 'inherit' }} onClick={() => void logout()}>
        {t('header.logout')}
      </Button>
    </Space>
  );
}
