import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { appRoutes } from '../routes';

type MenuItem = Required<MenuProps>['items'][number];

/** Side menu built from the route table, showing only what the user may open. */
export function SideMenu() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items = useMemo<MenuItem[]>(() => {
    const visible = appRoutes.filter((r) => r.menuLabel && (!r.permission || can(r.permission)));
    const toItem = (r: (typeof visible)[number]): MenuItem => ({
      key: r.path,
      icon: r.icon,
      label: t(r.menuLabel!),
    });
    const top = visible.filter((r) => !r.group).map(toItem);
    const groups = new Map<string, MenuItem[]>();
    for (const r of visible.filter((r) => r.group)) {
      groups.set(r.group!, [...(groups.get(r.group!) ?? []), toItem(r)]);
    }
    const grouped: MenuItem[] = [...groups].map(([label, children]) => ({
      type: 'group',
      key: label,
      label: t(label),
      children,
    }));
    return [...top, ...grouped];
  }, [t, can]);

  const selected = appRoutes
    .filter((r) => r.path === '/' ? pathname === '/' : pathname.startsWith(r.path))
    .map((r) => r.path);

  return (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => navigate(key)}
      data-testid="side-menu"
    />
  );
}
