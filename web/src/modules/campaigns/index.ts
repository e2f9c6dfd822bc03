/**
 * 专项执法行动 (issue 18, §三(二)1(2)): campaigns on key products, their lottery on the draw engine
 * (committed through the campaign, revealed as for plans, public record and verifier), tasks,
 * cases and report. Menu icons are ones other modules' menus already load.
 */
import { createElement } from 'react';
import { AlertOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';
import { campaignsMessages } from './campaigns.i18n';

/** One loader for the module's pages (one lazy chunk; one entry in the shell's download). */
const pages = () => import('./pages');

export const campaignsModule: WebModule = {
  name: 'campaigns',
  routes: [
    {
      path: '/campaigns',
      page: page(pages, 'CampaignListPage'),
      permission: 'case.read',
      menu: { label: 'campaigns.menu', icon: createElement(AlertOutlined), group: 'cases.menuGroup', order: 30, audience: 'staff' },
    },
    { path: '/campaigns/:id', page: page(pages, 'CampaignDetailPage'), permission: 'case.read' },
  ],
  messages: [campaignsMessages],
};
