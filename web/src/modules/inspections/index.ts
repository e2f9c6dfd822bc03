/** The inspections module: items, object pools, plans and draws, inspectors, tasks and their public pages. */
import { createElement } from 'react';
import { CarryOutOutlined, ClusterOutlined, DatabaseOutlined, OrderedListOutlined, ProfileOutlined, ScheduleOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { inspectionsMessages } from './inspections.i18n';
import type { VerifyPanel as VerifyPanelComponent } from './public/VerifyPanel';

export { PublicResultsTable } from './tasks/PublicResultsTable';
/**
 * 在本机核验 of a `zhijian-draw/2` record, for other modules' public draw pages (spot checks): pass
 * the record's JSON address and the page's path. Lazy, like the pages: its verifier and strings
 * stay out of the first download.
 */
export const VerifyPanel = page(() => import('./public/VerifyPanel'), 'VerifyPanel') as unknown as typeof VerifyPanelComponent;
export type { VerifyPanelProps } from './public/VerifyPanel';
export { taskPanels, type TaskPanel } from './taskPanels';

const group = 'inspections.menuGroup' as const;

export const inspectionsModule: WebModule = {
  name: 'inspections',
  routes: [
    {
      path: '/my-inspection-tasks',
      page: page(() => import('./tasks/MyTaskListPage'), 'MyTaskListPage'),
      permission: 'inspection.perform',
      menu: { label: 'inspectionTasks.menuMine', icon: createElement(CarryOutOutlined), group, order: 10 },
    },
    {
      path: '/inspection-tasks',
      page: page(() => import('./tasks/TaskListPage'), 'TaskListPage'),
      permission: 'inspection.read',
      menu: { label: 'inspectionTasks.menu', icon: createElement(ProfileOutlined), group, order: 20 },
    },
    { path: '/inspection-tasks/:id', page: page(() => import('./tasks/TaskDetailPage'), 'TaskDetailPage'), permission: 'inspection.read' },
    {
      path: '/inspection-plans',
      page: page(() => import('./plans/PlanListPage'), 'PlanListPage'),
      permission: 'inspection.read',
      menu: { label: 'inspectionPlans.plans.menu', icon: createElement(ScheduleOutlined), group, order: 30 },
    },
    { path: '/inspection-plans/:id', page: page(() => import('./plans/PlanDetailPage'), 'PlanDetailPage'), permission: 'inspection.read' },
    {
      path: '/object-pools',
      page: page(() => import('./pools/PoolListPage'), 'PoolListPage'),
      permission: 'inspection.read',
      menu: { label: 'inspectionPlans.pools.menu', icon: createElement(DatabaseOutlined), group, order: 40 },
    },
    {
      path: '/inspection-items',
      page: page(() => import('./items/ItemListPage'), 'ItemListPage'),
      permission: 'inspection.read',
      menu: { label: 'inspections.items.menu', icon: createElement(OrderedListOutlined), group, order: 50 },
    },
    {
      path: '/inspectors',
      page: page(() => import('./inspectors/InspectorListPage'), 'InspectorListPage'),
      permission: 'inspection.read',
      menu: { label: 'inspections.inspectors.menu', icon: createElement(ClusterOutlined), group, order: 60 },
    },
    { path: '/public/inspection-results', layout: 'public', page: page(() => import('./tasks/PublicResultsPage'), 'PublicResultsPage') },
    { path: '/public/draws', layout: 'public', page: page(() => import('./public/PublicDrawListPage'), 'PublicDrawListPage') },
    { path: '/public/draws/:id', layout: 'public', page: page(() => import('./public/PublicDrawPage'), 'PublicDrawPage') },
    { path: '/public/draw-method', layout: 'public', page: page(() => import('./public/DrawMethodPage'), 'DrawMethodPage') },
  ],
  messages: [inspectionsMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'inspections',
      label: 'inspectionTasks.tab',
      permission: 'inspection.read',
      order: 30,
      component: page(() => import('./tasks/EnterpriseInspectionsTab'), 'EnterpriseInspectionsTab'),
    }),
  ],
};
