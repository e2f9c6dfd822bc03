/**
 * Complaints and reports for the public and for enterprises (issue 17): the public submission
 * (/public/complaints/new) and tracking page (/public/complaints/track), both without sign-in and
 * phone first, linked from the public look-up; and the enterprise's own page of the complaints the
 * bureau passed to it for mediation (企业端, /my/complaints). The officers' pages are the
 * complaints module's, the statistics complaints-stats'.
 */
import { createElement } from 'react';
import { NotificationOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { publicLinks } from '../public';
import { complaintsPublicMessages } from './complaintsPublic.i18n';

const permission = 'enterprise_self.read';

export const complaintsPublicModule: WebModule = {
  name: 'complaints-public',
  routes: [
    { path: '/public/complaints/new', layout: 'public', page: page(() => import('./PublicComplaintPage'), 'PublicComplaintPage') },
    { path: '/public/complaints/track', layout: 'public', page: page(() => import('./PublicTrackPage'), 'PublicTrackPage') },
    {
      path: '/my/complaints',
      page: page(() => import('./MyComplaintsPage'), 'MyComplaintsPage'),
      permission,
      menu: { label: 'complaintsPublic.menuMy', icon: createElement(NotificationOutlined), order: 16, audience: 'enterprise' },
    },
    { path: '/my/complaints/:id', page: page(() => import('./MyComplaintPage'), 'MyComplaintPage'), permission },
  ],
  messages: [complaintsPublicMessages],
  contributes: [
    contribute(
      publicLinks,
      { key: 'complaints-new', to: '/public/complaints/new', label: 'complaintsPublic.linkNew', order: 10 },
      { key: 'complaints-track', to: '/public/complaints/track', label: 'complaintsPublic.linkTrack', order: 20 },
    ),
  ],
};
