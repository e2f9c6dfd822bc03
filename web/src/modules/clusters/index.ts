/**
 * 产业集聚区 (issue 18, §三(二)1(2)): clusters of enterprises by tag or list, their quality record
 * (inspection results, complaints, cases; spot checks with issue 19), 质量风险提示函 to the local
 * government with the reply and follow-ups, measures, and the demonstration-zone mark. Menu icons
 * are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { ClusterOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { clustersMessages } from './clusters.i18n';

/** One loader for the module's pages (one lazy chunk; one entry in the shell's download). */
const pages = () => import('./pages');

export const clustersModule: WebModule = {
  name: 'clusters',
  routes: [
    {
      path: '/clusters',
      page: page(pages, 'ClusterListPage'),
      permission: 'case.read',
      menu: { label: 'clusters.menu', icon: createElement(ClusterOutlined), group: 'cases.menuGroup', order: 40, audience: 'staff' },
    },
    { path: '/clusters/:id', page: page(pages, 'ClusterDetailPage'), permission: 'case.read' },
  ],
  messages: [clustersMessages],
};
