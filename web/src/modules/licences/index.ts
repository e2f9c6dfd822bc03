/** The licences module: licences, their exits, feedback, unlicensed leads and licence settings. */
import { createElement } from 'react';
import { AlertOutlined, FileProtectOutlined, NotificationOutlined, SettingOutlined, StopOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { licencesMessages } from './licences.i18n';

export { useLicenceTypes, type LicenceTypeLookup } from './useLicenceTypes';
export { expiryBand, ExpiryDate, LicenceStateTag, useLicenceStateOptions, type ExpiryBand } from './licenceLabels';

export const licencesModule: WebModule = {
  name: 'licences',
  routes: [
    {
      path: '/licences',
      page: page(() => import('./LicenceListPage'), 'LicenceListPage'),
      permission: 'licence.read',
      menu: { label: 'menu.licences', icon: createElement(FileProtectOutlined), group: 'menu.market', order: 20 },
    },
    { path: '/licences/import', page: page(() => import('./LicenceImportPage'), 'LicenceImportPage'), permission: 'licence.write' },
    { path: '/licences/:id', page: page(() => import('./LicenceDetailPage'), 'LicenceDetailPage'), permission: 'licence.read' },
    {
      path: '/feedback',
      page: page(() => import('./feedback/FeedbackListPage'), 'FeedbackListPage'),
      permission: 'licence.read',
      menu: { label: 'feedback.menu', icon: createElement(NotificationOutlined), group: 'menu.market', order: 30 },
    },
    { path: '/feedback/import', page: page(() => import('./feedback/FeedbackImportPage'), 'FeedbackImportPage'), permission: 'feedback.submit' },
    { path: '/feedback/:id', page: page(() => import('./feedback/FeedbackDetailPage'), 'FeedbackDetailPage'), permission: 'licence.read' },
    {
      path: '/unlicensed-leads',
      page: page(() => import('./leads/LeadListPage'), 'LeadListPage'),
      permission: 'licence.read',
      menu: { label: 'leads.menu', icon: createElement(AlertOutlined), group: 'menu.market', order: 40 },
    },
    {
      path: '/licence-exits',
      page: page(() => import('./exits/ExitListPage'), 'ExitListPage'),
      permission: 'licence.read',
      menu: { label: 'exits.menu', icon: createElement(StopOutlined), group: 'menu.market', order: 50 },
    },
    { path: '/licence-exits/:id', page: page(() => import('./exits/ExitDetailPage'), 'ExitDetailPage'), permission: 'licence.read' },
    {
      path: '/licence-settings',
      page: page(() => import('./settings/LicenceSettingsPage'), 'LicenceSettingsPage'),
      permission: 'licence.configure',
      menu: { label: 'licenceAdmin.menu', icon: createElement(SettingOutlined), group: 'menu.market', order: 60 },
    },
  ],
  messages: [licencesMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'licences',
      label: 'licences.tab',
      permission: 'licence.read',
      order: 20,
      component: page(() => import('./EnterpriseLicencesTab'), 'EnterpriseLicencesTab'),
    }),
  ],
};
