/**
 * Complaints and reports (投诉举报, issue 17), the officers' side: the list with its clocks, the
 * item's page (clocks, reporter masked with an audited reveal, timeline, links, actions, rewards),
 * the hotline entry, the 12315 transfer import, the rewards list and the settings (topics,
 * categories, reward rules). The public pages and the statistics are other modules'
 * (complaints-public, complaints-stats). Menu icons are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { CarryOutOutlined, NotificationOutlined, ScheduleOutlined, SettingOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { complaintsMessages } from './complaints.i18n';

const group = 'complaints.menuGroup' as const;
const audience = 'staff' as const;

export const complaintsModule: WebModule = {
  name: 'complaints',
  routes: [
    {
      path: '/complaints',
      page: page(() => import('./ComplaintListPage'), 'ComplaintListPage'),
      permission: 'complaint.read',
      menu: { label: 'complaints.menuList', icon: createElement(NotificationOutlined), group, order: 10, audience },
    },
    {
      path: '/complaints/new',
      page: page(() => import('./NewComplaintPage'), 'NewComplaintPage'),
      permission: 'complaint.intake',
      menu: { label: 'complaints.menuNew', icon: createElement(ScheduleOutlined), group, order: 20, audience },
    },
    {
      path: '/complaints/rewards',
      page: page(() => import('./RewardListPage'), 'RewardListPage'),
      permission: 'complaint.read',
      menu: { label: 'complaints.menuRewards', icon: createElement(CarryOutOutlined), group, order: 40, audience },
    },
    {
      path: '/complaints/settings',
      page: page(() => import('./settings/ComplaintSettingsPage'), 'ComplaintSettingsPage'),
      permission: 'complaint.configure',
      menu: { label: 'complaints.menuSettings', icon: createElement(SettingOutlined), group, order: 90, audience },
    },
    { path: '/complaints/import', page: page(() => import('./ComplaintImportPage'), 'ComplaintImportPage'), permission: 'complaint.import' },
    { path: '/complaints/:id', page: page(() => import('./ComplaintDetailPage'), 'ComplaintDetailPage'), permission: 'complaint.read' },
  ],
  messages: [complaintsMessages],
};
