/**
 * Case administration (issue 18): the staff list of penalty publications (due dates, publish,
 * early removal), the discretion table editor, the exchange grants of other departments, the
 * cases other departments posted, and the statistics of transfers to the police. The cases
 * themselves are the cases module's; the public penalty page is penalties-public's. Menu icons
 * are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { ApartmentOutlined, BarChartOutlined, GlobalOutlined, KeyOutlined, SettingOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { caseAdminMessages } from './caseAdmin.i18n';

/** One loader for the module's pages but the chart (one lazy chunk; one entry in the shell's download). */
const pages = () => import('./pages');

const group = 'cases.menuGroup' as const;
const audience = 'staff' as const;

export const caseAdminModule: WebModule = {
  name: 'case-admin',
  routes: [
    {
      path: '/penalty-publications',
      page: page(pages, 'PublicationListPage'),
      permission: 'case.read',
      menu: { label: 'caseAdmin.menuPublications', icon: createElement(GlobalOutlined), group, order: 60, audience },
    },
    {
      path: '/external-cases',
      page: page(pages, 'ExternalCasesPage'),
      permission: 'case.read',
      menu: { label: 'caseAdmin.menuExternal', icon: createElement(ApartmentOutlined), group, order: 70, audience },
    },
    {
      path: '/case-transfers/stats',
      page: page(() => import('./TransferStatsPage'), 'TransferStatsPage'),
      permission: 'case.read',
      menu: { label: 'caseAdmin.menuTransferStats', icon: createElement(BarChartOutlined), group, order: 80, audience },
    },
    {
      path: '/case-settings/discretion',
      page: page(pages, 'DiscretionPage'),
      permission: 'case.configure',
      menu: { label: 'caseAdmin.menuDiscretion', icon: createElement(SettingOutlined), group, order: 90, audience },
    },
    {
      path: '/case-settings/exchange',
      page: page(pages, 'ExchangePage'),
      permission: 'case.configure',
      menu: { label: 'caseAdmin.menuExchange', icon: createElement(KeyOutlined), group, order: 95, audience },
    },
  ],
  messages: [caseAdminMessages],
};
