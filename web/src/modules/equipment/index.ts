/**
 * The equipment module (特种设备): the registry of units, their periodic inspections and due
 * dates, the due list, the dashboard, the category and due-rule settings, the enterprise page's
 * tab and the public look-up. (Operators, hazards, supervision and tiers: equipment-safety.)
 */
import { createElement } from 'react';
import { BarChartOutlined, FieldTimeOutlined, SettingOutlined, ToolOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { equipmentMessages } from './equipment.i18n';

/** The public record's equipment section; loaded with the record (its strings are added when it loads). */
export const PublicEquipmentCounts = page(() => import('./PublicEquipmentCounts'), 'PublicEquipmentCounts');

const group = 'equipment.menuGroup' as const;
const audience = 'staff' as const;

export const equipmentModule: WebModule = {
  name: 'equipment',
  routes: [
    {
      path: '/equipment',
      page: page(() => import('./EquipmentListPage'), 'EquipmentListPage'),
      permission: 'equipment.read',
      menu: { label: 'equipment.menuList', icon: createElement(ToolOutlined), group, order: 10, audience },
    },
    {
      path: '/equipment/due',
      page: page(() => import('./DueListPage'), 'DueListPage'),
      permission: 'equipment.read',
      menu: { label: 'equipment.menuDue', icon: createElement(FieldTimeOutlined), group, order: 20, audience },
    },
    {
      path: '/equipment/dashboard',
      page: page(() => import('./dashboard/EquipmentDashboardPage'), 'EquipmentDashboardPage'),
      permission: 'equipment.read',
      menu: { label: 'equipment.menuDashboard', icon: createElement(BarChartOutlined), group, order: 30, audience },
    },
    {
      path: '/equipment/settings',
      page: page(() => import('./settings/EquipmentSettingsPage'), 'EquipmentSettingsPage'),
      permission: 'equipment.configure',
      menu: { label: 'equipment.menuSettings', icon: createElement(SettingOutlined), group, order: 90, audience },
    },
    { path: '/equipment/import', page: page(() => import('./EquipmentImportPage'), 'EquipmentImportPage'), permission: 'equipment.import' },
    { path: '/equipment/:id', page: page(() => import('./EquipmentDetailPage'), 'EquipmentDetailPage'), permission: 'equipment.read' },
    { path: '/public/equipment', layout: 'public', page: page(() => import('./PublicEquipmentPage'), 'PublicEquipmentPage') },
  ],
  messages: [equipmentMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'equipment',
      label: 'equipment.tab',
      permission: 'equipment.read',
      order: 40,
      component: page(() => import('./EnterpriseEquipmentTab'), 'EnterpriseEquipmentTab'),
    }),
  ],
};
