/**
 * 产品质量监督抽查 (issue 19), the lots' side: the lots (承检申请, the competitive choice of the
 * testing institution with its tie draw, the draw of the enterprises), the testing institutions
 * with their accounts, and the institutions' own pages (their record, lots open to apply, their
 * lots and samples). Menu icons are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { ApartmentOutlined, CarryOutOutlined, ClusterOutlined, IdcardOutlined, ProfileOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { spotcheckLotsMessages } from './spotcheckLots.i18n';

/** One loader for the module's pages (one lazy chunk). */
const pages = () => import('./pages');
const group = 'spotchecks.menuGroup' as const;
// institution accounts have no enterpriseUscc: the shell counts them as staff
const audience = 'staff' as const;

export const spotcheckLotsModule: WebModule = {
  name: 'spotcheck-lots',
  routes: [
    {
      path: '/spotcheck/lots',
      page: page(pages, 'LotListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckLots.menuLots', icon: createElement(ClusterOutlined), group, order: 40, audience },
    },
    // staff (spotcheck.read) and institution accounts (spotcheck.result): the page asks for either
    { path: '/spotcheck/lots/:id', page: page(pages, 'LotDetailPage') },
    {
      path: '/spotcheck/institutions',
      page: page(pages, 'InstitutionListPage'),
      permission: 'spotcheck.read',
      menu: { label: 'spotcheckLots.menuInstitutions', icon: createElement(ApartmentOutlined), group, order: 50, audience },
    },
    { path: '/spotcheck/institutions/:id', page: page(pages, 'InstitutionDetailPage'), permission: 'spotcheck.read' },
    {
      path: '/spotcheck/my-institution',
      page: page(pages, 'MyInstitutionPage'),
      permission: 'spotcheck.result',
      menu: { label: 'spotcheckLots.menuMine', icon: createElement(IdcardOutlined), group, order: 60, audience },
    },
    {
      path: '/spotcheck/open-lots',
      page: page(pages, 'OpenLotsPage'),
      permission: 'spotcheck.result',
      menu: { label: 'spotcheckLots.menuOpen', icon: createElement(CarryOutOutlined), group, order: 61, audience },
    },
    {
      path: '/spotcheck/my-lots',
      page: page(pages, 'MyLotsPage'),
      permission: 'spotcheck.result',
      menu: { label: 'spotcheckLots.menuMyLots', icon: createElement(ProfileOutlined), group, order: 62, audience },
    },
  ],
  messages: [spotcheckLotsMessages],
};
