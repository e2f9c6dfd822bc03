/**
 * 产品质量监督抽查 (issue 19), the samples' side: the samplers' tasks and the 抽样单 on a phone,
 * the samples (results entry by the testing institution, notice, receipt and the objection window),
 * objections and retests, the follow-up of failures, the quality bulletins and the statistics.
 * Menu icons are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { AlertOutlined, AuditOutlined, BarChartOutlined, CarryOutOutlined, FileProtectOutlined, NotificationOutlined, OrderedListOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { spotcheckSamplesMessages } from './spotcheckSamples.i18n';

/** One loader for the module's pages (one lazy chunk); the statistics (ECharts) load on their own. */
const pages = () => import('./pages');
const group = 'spotchecks.menuGroup' as const;
const audience = 'staff' as const;

/** The sample's page (for links from other modules). */
export const spotcheckSamplePath = (id: string) => `/spotcheck-samples/${encodeURIComponent(id)}`;

export const spotcheckSamplesModule: WebModule = {
  name: 'spotcheck-samples',
  routes: [
    {
      path: '/spotcheck-tasks',
      page: page(pages, 'TaskListPage'),
      permission: 'spotcheck.sample',
      menu: { label: 'spotcheckSamples.menuTasks', icon: createElement(CarryOutOutlined), group, order: 63, audience },
    },
    {
      path: '/spotcheck-samples',
      page: page(pages, 'SampleListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckSamples.menuSamples', icon: createElement(OrderedListOutlined), group, order: 64, audience },
    },
    // staff (spotcheck.read) and institution accounts (spotcheck.result: results, retests): the page asks for either
    { path: '/spotcheck-samples/:id', page: page(pages, 'SampleDetailPage') },
    {
      path: '/spotcheck-objections',
      page: page(pages, 'ObjectionListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckSamples.menuObjections', icon: createElement(AuditOutlined), group, order: 65, audience },
    },
    // the retests an institution account was given (the same list, scoped by the server)
    {
      path: '/spotcheck-retests',
      page: page(pages, 'ObjectionListPage'),
      permission: 'spotcheck.result',
      menu: { label: 'spotcheckSamples.menuRetests', icon: createElement(FileProtectOutlined), group, order: 63, audience },
    },
    {
      path: '/spotcheck-followups',
      page: page(pages, 'FollowupListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckSamples.menuFollowups', icon: createElement(AlertOutlined), group, order: 66, audience },
    },
    {
      path: '/spotcheck-bulletins',
      page: page(pages, 'BulletinListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckSamples.menuBulletins', icon: createElement(NotificationOutlined), group, order: 70, audience },
    },
    { path: '/spotcheck-bulletins/:id', page: page(pages, 'BulletinDetailPage'), permission: 'spotcheck.read' },
    {
      path: '/spotcheck-stats',
      page: page(() => import('./StatsPage'), 'StatsPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckSamples.menuStats', icon: createElement(BarChartOutlined), group, order: 80, audience },
    },
  ],
  messages: [spotcheckSamplesMessages],
};
