/** The home page: the user's to-dos and reminders (or a home page another module makes for a kind of user). */
import { createElement } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export { homeVariants, type HomeVariant } from './homeSlot';

export const homeModule: WebModule = {
  name: 'home',
  routes: [{ path: '/', page: page(() => import('./HomePage'), 'HomePage'), menu: { label: 'menu.home', icon: createElement(HomeOutlined), order: 10 } }],
};
