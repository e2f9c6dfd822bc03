/** User accounts. */
import { createElement } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export { useActiveUserOptions, userOptionLabel } from './useActiveUserOptions';

export const usersModule: WebModule = {
  name: 'users',
  routes: [
    {
      path: '/users',
      page: page(() => import('./UserListPage'), 'UserListPage'),
      permission: 'user.read',
      menu: { label: 'menu.users', icon: createElement(TeamOutlined), group: 'menu.system', order: 20 },
    },
  ],
};
