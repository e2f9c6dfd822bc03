/** The enterprises module: the register of market entities and the enterprise detail page. */
import { createElement } from 'react';
import { ShopOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from './detailTabs';

export { enterpriseDetailTabs, type EnterpriseDetailTab, type EnterpriseTabProps } from './detailTabs';
export { enterprisePath } from './paths';
export { HistoryTab as EnterpriseHistory } from './tabs/HistoryTab';
export { CREDIT_CLASSES, ENTERPRISE_STATUSES, CreditClassTag, StatusTag, useEnterpriseOptions } from './enterpriseLabels';

export const enterprisesModule: WebModule = {
  name: 'enterprises',
  routes: [
    {
      path: '/enterprises',
      page: page(() => import('./EnterpriseListPage'), 'EnterpriseListPage'),
      permission: 'enterprise.read',
      menu: { label: 'menu.enterprises', icon: createElement(ShopOutlined), group: 'menu.market', order: 10 },
    },
    { path: '/enterprises/import', page: page(() => import('./EnterpriseImportPage'), 'EnterpriseImportPage'), permission: 'enterprise.import' },
    { path: '/enterprises/:uscc', page: page(() => import('./EnterpriseDetailPage'), 'EnterpriseDetailPage'), permission: 'enterprise.read' },
  ],
  contributes: [
    contribute(
      enterpriseDetailTabs,
      { key: 'basic', label: 'enterprises.tabBasic', order: 10, component: page(() => import('./tabs/BasicInfoTab'), 'BasicInfoTab') },
      { key: 'history', label: 'enterprises.tabHistory', order: 900, component: page(() => import('./tabs/HistoryTab'), 'HistoryTab') },
    ),
  ],
};
