import { Button, Layout, Space, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router-dom';
import { useAuth, useSessionUser } from '../auth/AuthContext';
import { LanguageSwitch } from './LanguageSwitch';
import { SideMenu } from './SideMenu';
import { useNotifyError } from '../errors';

const { Header, Sider, Content } = Layout;

/** The shell: header (system name, user, language, password, logout), side menu, page content. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const notifyError = useNotifyError();

  const onLogout = () => {
    logout().then(() => navigate('/login', { replace: true }), notifyError);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 24px',
          background: '#0b3d91',
          color: '#fff',
        }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }} data-testid="app-name">
          {t('app.name')}
        </Typography.Title>
        <Space size="middle" style={{ color: '#fff' }}>
          <span data-testid="current-user">
            <UserOutlined /> {user.displayName}
            <span style={{ opacity: 0.8, marginLeft: 8 }}>{user.orgName}</span>
          </span>
          <LanguageSwitch />
          <Button type="text" icon={<LockOutlined />} style={{ color: 'inherit' }} onClick={() => navigate('/password')}>
            {t('header.changePassword')}
          </Button>
          <Button type="text" icon={<LogoutOutlined />} style={{ color: 'inherit' }} onClick={onLogout}>
            {t('header.logout')}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={208} breakpoint="lg" collapsedWidth={0}>
          <SideMenu />
        </Sider>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
