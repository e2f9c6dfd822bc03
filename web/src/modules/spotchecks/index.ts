/**
 * 产品质量监督抽查 (issue 19), the planning side: the product catalogue (implementing rules,
 * producers, history, linked complaints and cases), the year's plans (generated, edited, approved)
 * and special plans, county suggestions, and the GB/T 2828.1 sampling-plan calculator. Menu icons
 * are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { BarChartOutlined, NotificationOutlined, SafetyCertificateOutlined, ScheduleOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { spotchecksMessages } from './spotchecks.i18n';

/** One loader for the module's pages (one lazy chunk). */
const pages = () => import('./pages');
const group = 'spotchecks.menuGroup' as const;
const audience = 'staff' as const;

/** The addresses of the module's pages (for links from other modules). */
export const spotcheckProductPath = (id: string) => `/spotcheck/products/${encodeURIComponent(id)}`;
export const spotcheckPlanPath = (id: string) => `/spotcheck/plans/${encodeURIComponent(id)}`;

export const spotchecksModule: WebModule = {
  name: 'spotchecks',
  routes: [
    {
      path: '/spotcheck/products',
      page: page(pages, 'ProductListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotchecks.menuProducts', icon: createElement(SafetyCertificateOutlined), group, order: 10, audience },
    },
    { path: '/spotcheck/products/:id', page: page(pages, 'ProductDetailPage'), permission: 'spotcheck.read' },
    {
      path: '/spotcheck/plans',
      page: page(pages, 'PlanListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotchecks.menuPlans', icon: createElement(ScheduleOutlined), group, order: 20, audience },
    },
    { path: '/spotcheck/plans/:id', page: page(pages, 'PlanDetailPage'), permission: 'spotcheck.read' },
    {
      path: '/spotcheck/suggestions',
      page: page(pages, 'SuggestionsPage'),
      permission: 'spotcheck.plan',
      menu: { label: 'spotchecks.menuSuggestions', icon: createElement(NotificationOutlined), group, order: 30, audience },
    },
    {
      path: '/spotcheck/sampling-plan',
      page: page(pages, 'SamplingPlanPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotchecks.menuSampling', icon: createElement(BarChartOutlined), group, order: 90, audience },
    },
  ],
  messages: [spotchecksMessages],
};
