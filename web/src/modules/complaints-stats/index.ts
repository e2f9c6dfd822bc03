/**
 * Statistics of complaints and reports (投诉举报统计, issue 17): counts by kind, topic, county,
 * channel and month, on-time rates per legal clock, substantiated rate, satisfaction, urgent
 * items' acknowledgement, repeat subjects, and the export. ECharts loads with the page only.
 */
import { createElement } from 'react';
import { BarChartOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { complaintsStatsMessages } from './complaintsStats.i18n';

export const complaintsStatsModule: WebModule = {
  name: 'complaints-stats',
  routes: [
    {
      path: '/complaints/stats',
      page: page(() => import('./ComplaintStatsPage'), 'ComplaintStatsPage'),
      permission: 'complaint.read',
      menu: { label: 'complaintsStats.menu', icon: createElement(BarChartOutlined), group: 'complaints.menuGroup', order: 30, audience: 'staff' },
    },
  ],
  messages: [complaintsStatsMessages],
};
