/** Organisations (the bureau's units). */
import { createElement } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export { useOrgs, type OrgLookup } from './useOrgs';
export { orgsApi } from './orgs.api';

export const orgsModule: WebModule = {
  name: 'orgs',
  routes: [
    {
      path: '/orgs',
      page: page(() => import('./OrgListPage'), 'OrgListPage'),
      permission: 'org.read',
      menu: { label: 'menu.orgs', icon: createElement(ApartmentOutlined), group: 'menu.system', order: 10 },
    },
  ],
};
