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
  const { can, user } = useAuth();
  const audience = user?.enterpriseUscc ? 'enterprise' : 'staff';
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items = useMemo<MenuItem[]>(() => {
    const visible = appRoutes
      .flatMap((r) => (r.menu && (!r.permission || can(r.permission)) && (r.menu.audience ?? audience) === audience ? [{ path: r.path, ...r.menu }] : []))
      // stable: within a group, equal orders keep the registry's order
      .sort((a, b) => a.order - b.order);
    const toItem = (r: (typeof visible)[number]): MenuItem => ({
      key: r.path,
      icon: r.icon,
      label: t(r.label),
    });
    const top = visible.filter((r) => !r.group).map(toItem);
    // groups in the order their first module comes in the registry
    const groups = new Map<string, MenuItem[]>(appRoutes.flatMap((r) => (r.menu?.group ? [[r.menu.group, []]] : [])));
    for (const r of visible.filter((r) => r.group)) groups.get(r.group!)!.push(toItem(r));
    const grouped: MenuItem[] = [...groups].filter(([, children]) => children.length > 0).map(([label, children]) => ({
      type: 'group',
      key: label,
      label: t(label),
      children,
    }));
    return [...top, ...grouped];
  }, [t, can, audience]);

  // The entry whose path is the longest prefix of the page's (by whole segments): on /equipment/operators/7
  // 作业人员 (/equipment/operators) is selected, not 设备台账 (/equipment) as well.
  const matching = appRoutes
    .filter((r) => r.menu)
    .filter((r) => (r.path === '/' ? pathname === '/' : pathname === r.path || pathname.startsWith(`${r.path}/`)))
    .map((r) => r.path);
  const longest = matching.reduce((a, b) => (b.length > a.length ? b : a), '');
  const selected = longest ? [longest] : [];

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
