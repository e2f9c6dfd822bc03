/**
 * 企业服务: what an enterprise's account sees — its home page (instead of the staff one), its
 * register entry, licences, inspections (reporting rectification), commitments and draws.
 * Its menu items are shown to enterprise accounts only (`audience: 'enterprise'`).
 */
import { createElement } from 'react';
import { AuditOutlined, FileProtectOutlined, NodeIndexOutlined, SafetyCertificateOutlined, ShopOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { homeVariants } from '../home';
import { enterpriseSelfMessages } from './enterpriseSelf.i18n';
import type { SelfFrame as SelfFrameComponent } from './SelfFrame';
import type { SelfList as SelfListComponent } from './SelfList';

/**
 * The frame and server-paged card list of the enterprise's pages, for other modules' 企业端 pages
 * (e.g. special equipment). Loaded lazily: a static export would pull them and their strings into
 * the first download (and import the app's i18n while the module registry is still loading).
 */
export const SelfFrame = page(() => import('./SelfFrame'), 'SelfFrame') as unknown as typeof SelfFrameComponent;
export const SelfList = page(() => import('./SelfList'), 'SelfList') as unknown as typeof SelfListComponent;

const permission = 'enterprise_self.read';
const audience = 'enterprise' as const;

export const enterpriseSelfModule: WebModule = {
  name: 'enterprise-self',
  routes: [
    { path: '/my/enterprise', page: page(() => import('./MyEnterprisePage'), 'MyEnterprisePage'), permission, menu: { label: 'entSelf.menuEnterprise', icon: createElement(ShopOutlined), order: 11, audience } },
    { path: '/my/licences', page: page(() => import('./MyLicencesPage'), 'MyLicencesPage'), permission, menu: { label: 'entSelf.menuLicences', icon: createElement(FileProtectOutlined), order: 12, audience } },
    { path: '/my/licences/:id', page: page(() => import('./MyLicencePage'), 'MyLicencePage'), permission },
    { path: '/my/inspections', page: page(() => import('./MyInspectionsPage'), 'MyInspectionsPage'), permission, menu: { label: 'entSelf.menuInspections', icon: createElement(AuditOutlined), order: 13, audience } },
    { path: '/my/inspections/:id', page: page(() => import('./MyInspectionPage'), 'MyInspectionPage'), permission },
    { path: '/my/commitments', page: page(() => import('./MyCommitmentsPage'), 'MyCommitmentsPage'), permission, menu: { label: 'entSelf.menuCommitments', icon: createElement(SafetyCertificateOutlined), order: 14, audience } },
    { path: '/my/draws', page: page(() => import('./MyDrawsPage'), 'MyDrawsPage'), permission, menu: { label: 'entSelf.menuDraws', icon: createElement(NodeIndexOutlined), order: 15, audience } },
  ],
  messages: [enterpriseSelfMessages],
  contributes: [contribute(homeVariants, { key: 'enterprise', applies: (user) => !!user.enterpriseUscc, component: page(() => import('./EnterpriseHomePage'), 'EnterpriseHomePage') })],
};
