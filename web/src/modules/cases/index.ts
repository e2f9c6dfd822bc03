/**
 * Enforcement cases (执法办案, issue 18), the officers' side: the list with its deadlines and flags,
 * the lead entry (linkable from other modules' lead pages: /cases/new?leadSource=…&leadId=…) and
 * the case's page (stages, evidence, timeline, documents, joint parties, supervision, transfers,
 * publication, the allowed actions). Menu icons are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { FileProtectOutlined, ProfileOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { hazardPanels } from '../equipment-safety';
import { taskPanels } from '../inspections';
import { casesMessages } from './cases.i18n';

const group = 'cases.menuGroup' as const;
const audience = 'staff' as const;

/**
 * 关联案件 card of a lead (`<RelatedCases source="complaint" leadId={id} />`), loaded lazily: for
 * the owners of lead pages to place (or to offer as a slot this module then fills).
 */
export const RelatedCases = page(() => import('./RelatedCasesCard'), 'RelatedCasesCard');

/** The lead entry prefilled from a lead (for links from other modules' pages). */
export const newCasePath = (leadSource: string, leadId: string) =>
  `/cases/new?leadSource=${encodeURIComponent(leadSource)}&leadId=${encodeURIComponent(leadId)}`;

export const casesModule: WebModule = {
  name: 'cases',
  routes: [
    {
      path: '/cases',
      page: page(() => import('./CaseListPage'), 'CaseListPage'),
      permission: 'case.read',
      menu: { label: 'cases.menuList', icon: createElement(FileProtectOutlined), group, order: 10, audience },
    },
    {
      path: '/cases/new',
      page: page(() => import('./NewCasePage'), 'NewCasePage'),
      permission: 'case.write',
      menu: { label: 'cases.menuNew', icon: createElement(ProfileOutlined), group, order: 20, audience },
    },
    { path: '/cases/:id', page: page(() => import('./CaseDetailPage'), 'CaseDetailPage'), permission: 'case.read' },
  ],
  messages: [casesMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'cases',
      label: 'cases.tab',
      permission: 'case.read',
      order: 60,
      component: page(() => import('./EnterpriseCasesTab'), 'EnterpriseCasesTab'),
    }),
    contribute(taskPanels, { key: 'cases', order: 10, component: page(() => import('./TaskCasesPanel'), 'TaskCasesPanel') }),
    contribute(hazardPanels, { key: 'cases', order: 10, component: page(() => import('./HazardCasesPanel'), 'HazardCasesPanel') }),
  ],
};
