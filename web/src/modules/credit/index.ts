/**
 * 质量信用 (issue 20), the staff side: the enterprise's credit archive (timeline, score and its
 * reasons, override, class history, report), the dishonest list and credit repair, the credit
 * model's versions, third-party evaluators and their ratings, the joint-punishment check; the
 * evaluators' own pages; a 质量信用 tab on the enterprise page. Menu icons are ones other modules'
 * menus already load.
 */
import { createElement } from 'react';
import { ApartmentOutlined, AuditOutlined, IdcardOutlined, SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, StopOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { creditMessages } from './credit.i18n';

/** One loader for the module's pages (one lazy chunk). */
const pages = () => import('./pages');
const group = 'credit.menuGroup' as const;
// evaluator accounts have no enterpriseUscc: the shell counts them as staff
const audience = 'staff' as const;

export const creditModule: WebModule = {
  name: 'credit',
  routes: [
    {
      path: '/credit/enterprises',
      page: page(pages, 'SearchPage'),
      permission: 'credit.read',
      menu: { label: 'credit.menuArchive', icon: createElement(SafetyCertificateOutlined), group, order: 10, audience },
    },
    { path: '/credit/enterprises/:uscc', page: page(pages, 'ArchivePage'), permission: 'credit.read' },
    {
      path: '/credit/listings',
      page: page(pages, 'ListingListPage'),
      permission: 'credit.read',
      menu: { label: 'credit.menuListings', icon: createElement(StopOutlined), group, order: 20, audience },
    },
    { path: '/credit/listings/:id', page: page(pages, 'ListingDetailPage'), permission: 'credit.read' },
    {
      path: '/credit/repairs',
      page: page(pages, 'RepairListPage'),
      permission: 'credit.read',
      menu: { label: 'credit.menuRepairs', icon: createElement(ScheduleOutlined), group, order: 30, audience },
    },
    {
      // the server answers staff with credit.read (their data scope) and department keys with credit.check
      path: '/credit/check',
      page: page(pages, 'CheckPage'),
      permission: 'credit.read',
      menu: { label: 'credit.menuCheck', icon: createElement(AuditOutlined), group, order: 40, audience },
    },
    {
      path: '/credit/models',
      page: page(pages, 'ModelPage'),
      permission: 'credit.read',
      menu: { label: 'credit.menuModels', icon: createElement(SettingOutlined), group, order: 50, audience },
    },
    {
      // the evaluators' routes all need credit.configure
      path: '/credit/evaluators',
      page: page(pages, 'EvaluatorListPage'),
      permission: 'credit.configure',
      menu: { label: 'credit.menuEvaluators', icon: createElement(ApartmentOutlined), group, order: 60, audience },
    },
    { path: '/credit/evaluators/:id', page: page(pages, 'EvaluatorDetailPage'), permission: 'credit.configure' },
    {
      path: '/evaluator/ratings',
      page: page(pages, 'MyRatingsPage'),
      permission: 'credit.rate',
      menu: { label: 'credit.menuMyRatings', icon: createElement(IdcardOutlined), group, order: 70, audience },
    },
  ],
  messages: [creditMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'credit',
      label: 'credit.tab',
      permission: 'credit.read',
      order: 80,
      component: page(() => import('./EnterpriseCreditTab'), 'EnterpriseCreditTab'),
    }),
  ],
};
