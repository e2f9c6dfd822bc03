import { Grid, Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { TodoBadge } from '../../modules/todos/TodoBadge';
import { AccountBar, AccountMenu } from './AccountActions';
import { SideMenu } from './SideMenu';

const { Header, Sider, Content } = Layout;

/**
 * The shell: header (system name, user, language, password, logout), side menu, page content.
 * Below `md` (phones) the header's user and actions fold into one avatar menu and the margins narrow.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // unknown before the first measurement: lay out for a desktop
  const compact = screens.md === false;
  const gutter = compact ? 16 : 24;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 16,
          padding: `0 ${gutter}px`,
          background: '#0b3d91',
          color: '#fff',
        }}
      >
        <Typography.Title
          level={4}
          style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}
          data-testid="app-name"
        >
          {t('app.name')}
        </Typography.Title>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, flex: 'none' }}>
          <TodoBadge />
          {compact ? <AccountMenu /> : <AccountBar showOrg={screens.lg !== false} />}
        </div>
      </Header>
      <Layout>
        <Sider width={208} breakpoint="lg" collapsedWidth={0}>
          <SideMenu />
        </Sider>
        <Content style={{ padding: gutter, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
