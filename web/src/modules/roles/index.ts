/** Roles and their permissions. */
import { createElement } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export { permissionLabel, roleLabel } from './roleLabel';
export { useRoles } from './useRoles';

export const rolesModule: WebModule = {
  name: 'roles',
  routes: [
    {
      path: '/roles',
      page: page(() => import('./RoleListPage'), 'RoleListPage'),
      permission: 'role.read',
      menu: { label: 'menu.roles', icon: createElement(SafetyCertificateOutlined), group: 'menu.system', order: 30 },
    },
  ],
};
