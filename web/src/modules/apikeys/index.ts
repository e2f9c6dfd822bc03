/** API keys for other systems. */
import { createElement } from 'react';
import { KeyOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export const apikeysModule: WebModule = {
  name: 'apikeys',
  routes: [
    {
      path: '/keys',
      page: page(() => import('./ApiKeyListPage'), 'ApiKeyListPage'),
      permission: 'apikey.read',
      menu: { label: 'menu.apiKeys', icon: createElement(KeyOutlined), group: 'menu.system', order: 40 },
    },
  ],
};
