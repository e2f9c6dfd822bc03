/**
 * Enterprises' accounts (企业端 accounts): the public application and its status, and the
 * officers' page of accounts and applications (with a tab on the enterprise page).
 */
import { createElement } from 'react';
import { IdcardOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { accountsMessages } from './accounts.i18n';

const accountsPage = page(() => import('./EnterpriseAccountsPage'), 'EnterpriseAccountsPage');

export const accountsModule: WebModule = {
  name: 'accounts',
  routes: [
    { path: '/public/enterprise-account/apply', layout: 'public', page: page(() => import('./ApplyPage'), 'ApplyPage') },
    { path: '/public/enterprise-account/status', layout: 'public', page: page(() => import('./RequestStatusPage'), 'RequestStatusPage') },
    {
      path: '/enterprise-accounts',
      page: accountsPage,
      permission: 'enterprise_account.read',
      menu: { label: 'entAccounts.menu', icon: createElement(IdcardOutlined), group: 'menu.market', order: 15 },
    },
    { path: '/enterprise-accounts/requests/:id', page: accountsPage, permission: 'enterprise_account.read' },
  ],
  messages: [accountsMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'accounts',
      label: 'entAccounts.title',
      permission: 'enterprise_account.read',
      order: 800,
      component: page(() => import('./EnterpriseAccountsPage'), 'EnterpriseAccountsTab'),
    }),
  ],
};
