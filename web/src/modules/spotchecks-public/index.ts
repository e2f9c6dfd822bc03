/**
 * 产品质量监督抽查 (issue 19), the public side and the enterprise's: the published results (by USCC,
 * product code, year), the quality bulletins, the testing institutions' selections with their
 * scores, the draws' public records with 在本机核验 — no sign-in, phone first, linked from the public
 * look-up — and 企业端 /my/spotchecks (the sample's result, the notice, receipt, the objection).
 */
import { createElement } from 'react';
import { ExperimentOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { publicLinks } from '../public';
import { spotchecksPublicMessages } from './spotchecksPublic.i18n';

/** The public pages, one lazy chunk; the enterprise's pages another. */
const publicPages = () => import('./publicPages');
const myPages = () => import('./myPages');
const layout = 'public' as const;

export const spotchecksPublicModule: WebModule = {
  name: 'spotchecks-public',
  routes: [
    { path: '/public/spotcheck-results', layout, page: page(publicPages, 'PublicResultsPage') },
    { path: '/public/spotcheck-bulletins', layout, page: page(publicPages, 'PublicBulletinListPage') },
    { path: '/public/spotcheck-bulletins/:id', layout, page: page(publicPages, 'PublicBulletinPage') },
    { path: '/public/spotcheck-selections', layout, page: page(publicPages, 'PublicSelectionsPage') },
    { path: '/public/spotcheck-draws/:id', layout, page: page(publicPages, 'PublicSpotcheckDrawPage') },
    {
      path: '/my/spotchecks',
      page: page(myPages, 'MySpotchecksPage'),
      permission: 'enterprise_self.read',
      menu: { label: 'scPublic.menuMy', icon: createElement(ExperimentOutlined), order: 17, audience: 'enterprise' },
    },
    { path: '/my/spotchecks/:id', page: page(myPages, 'MySpotcheckPage'), permission: 'enterprise_self.read' },
  ],
  messages: [spotchecksPublicMessages],
  contributes: [
    contribute(publicLinks, { key: 'spotcheck-results', to: '/public/spotcheck-results', label: 'scPublic.linkResults', order: 40 }),
    contribute(publicLinks, { key: 'spotcheck-bulletins', to: '/public/spotcheck-bulletins', label: 'scPublic.linkBulletins', order: 41 }),
    contribute(publicLinks, { key: 'spotcheck-selections', to: '/public/spotcheck-selections', label: 'scPublic.linkSelections', order: 42 }),
  ],
};
