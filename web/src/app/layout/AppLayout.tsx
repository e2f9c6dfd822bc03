import { MenuFoldOutlined, MenuOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Grid, Layout, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { slotItems } from '../modules/webModule';
import { headerActions } from '../modules/slots';
import { AccountBar, AccountMenu } from './AccountActions';
import { SideMenu } from './SideMenu';

const { Header, Sider, Content } = Layout;

/**
 * The shell: header (system name, user, language, password, logout), side menu, page content.
 * Below `md` (phones) the header's user and actions fold into one avatar menu and the margins narrow.
 * Below `lg` the side menu folds away behind a menu button at the start of the header (not a
 * button floating over the page), and opens over the page until a page is chosen.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // unknown before the first measurement: lay out for a desktop
  const compact = screens.md === false;
  const gutter = compact ? 16 : 24;
  const folding = screens.lg === false;
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname, folding]);

  return (
    <AntApp>
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
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
          {folding && (
            <Button
              type="text"
              icon={menuOpen ? <MenuFoldOutlined /> : <MenuOutlined />}
              aria-label={t(menuOpen ? 'app.closeMenu' : 'app.openMenu')}
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen((open) => !open)}
              style={{ color: '#fff', flex: 'none' }}
              data-testid="menu-button"
            />
          )}
          <Typography.Title
            level={4}
            style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}
            data-testid="app-name"
          >
            {t('app.name')}
          </Typography.Title>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, flex: 'none' }}>
          {slotItems(headerActions)
            .sort((a, b) => a.order - b.order)
            .map(({ key, component: Action }) => (
              <Suspense key={key} fallback={null}>
                <Action />
              </Suspense>
            ))}
          {compact ? <AccountMenu /> : <AccountBar showOrg={screens.lg !== false} />}
        </div>
      </Header>
      <Layout style={{ position: 'relative' }}>
        <Sider
          width={208}
          collapsedWidth={0}
          collapsed={folding && !menuOpen}
          trigger={null}
          style={folding ? { position: 'absolute', zIndex: 20, top: 0, bottom: 0, left: 0, overflowY: 'auto' } : undefined}
        >
          <SideMenu />
        </Sider>
        <Content style={{ padding: gutter, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
    </AntApp>
  );
}
