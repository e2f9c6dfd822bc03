/** The home page: the user's to-dos and reminders. */
import { createElement } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export const homeModule: WebModule = {
  name: 'home',
  routes: [{ path: '/', page: page(() => import('./HomePage'), 'HomePage'), menu: { label: 'menu.home', icon: createElement(HomeOutlined), order: 10 } }],
};
