/**
 * 信息发布平台 (issue 20), the public portal: home with the enterprise search, the dishonest list,
 * the bureau's notices and exposures, open data; the staff's pages for drafting and approving the
 * portal's notices; 企业端 /my/credit (advance notices of listing, credit repair).
 */
import { createElement } from 'react';
import { NotificationOutlined, SafetyOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { publicLinks } from '../public';
import { portalMessages } from './portal.i18n';

/** The public pages, one lazy chunk; the staff's pages another; the enterprise's page a third. */
const publicPages = () => import('./publicPages');
const staffPages = () => import('./staffPages');
const layout = 'public' as const;

export const portalModule: WebModule = {
  name: 'portal',
  routes: [
    { path: '/public', layout, page: page(publicPages, 'PortalHomePage') },
    { path: '/public/dishonest-list', layout, page: page(publicPages, 'DishonestListPage') },
    { path: '/public/notices', layout, page: page(publicPages, 'PublicNoticesPage') },
    { path: '/public/notices/:id', layout, page: page(publicPages, 'PublicNoticePage') },
    { path: '/public/open-data', layout, page: page(publicPages, 'OpenDataPage') },
    {
      path: '/portal/notices',
      page: page(staffPages, 'NoticesAdminPage'),
      permission: 'portal.write',
      menu: { label: 'portal.menuNotices', icon: createElement(NotificationOutlined), group: 'credit.menuGroup', order: 90, audience: 'staff' },
    },
    { path: '/portal/notices/:id', page: page(staffPages, 'NoticeAdminPage'), permission: 'portal.write' },
    {
      path: '/my/credit',
      page: page(() => import('./MyCreditPage'), 'MyCreditPage'),
      permission: 'enterprise_self.credit',
      menu: { label: 'portal.menuMyCredit', icon: createElement(SafetyOutlined), order: 18, audience: 'enterprise' },
    },
  ],
  messages: [portalMessages],
  contributes: [
    contribute(publicLinks, { key: 'portal', to: '/public', label: 'portal.linkHome', order: 1 }),
    contribute(publicLinks, { key: 'dishonest-list', to: '/public/dishonest-list', label: 'portal.linkDishonest', order: 2 }),
    contribute(publicLinks, { key: 'notices', to: '/public/notices', label: 'portal.linkNotices', order: 3 }),
    contribute(publicLinks, { key: 'open-data', to: '/public/open-data', label: 'portal.linkOpenData', order: 90 }),
  ],
};
