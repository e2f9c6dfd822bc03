/** The audit log. */
import { createElement } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export const auditModule: WebModule = {
  name: 'audit',
  routes: [
    {
      path: '/audit',
      page: page(() => import('./AuditListPage'), 'AuditListPage'),
      permission: 'audit.read',
      menu: { label: 'menu.audit', icon: createElement(AuditOutlined), group: 'menu.system', order: 50 },
    },
  ],
};
