/**
 * Special-equipment safety (特种设备安全, issue 16): operators and their certificates, exams,
 * emergency plans and drills, hazards and the self-correction rate, 暗访通报, tiers of user units —
 * and the enterprise account's own equipment pages (企业端, /my/equipment…). The unit registry's
 * pages (/equipment, /equipment/:id) are the `equipment` module's; these link to them by address.
 * Menu icons are ones other modules' menus already load (the first download stays small).
 */
import { createElement } from 'react';
import { AlertOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, IdcardOutlined, NotificationOutlined, SafetyCertificateOutlined, ToolOutlined } from '@ant-design/icons';
import { contribute, page, type WebModule } from '../../app/modules/webModule';
import { enterpriseDetailTabs } from '../enterprises';
import { equipmentSafetyMessages } from './equipmentSafety.i18n';

export { hazardPanels, type HazardPanel } from './hazardPanels';

const read = 'equipment.read';
const group = 'equipment.menuGroup' as const;
const self = 'enterprise_self.read';
const audience = 'enterprise' as const;

export const equipmentSafetyModule: WebModule = {
  name: 'equipment-safety',
  routes: [
    { path: '/equipment/operators', page: page(() => import('./OperatorListPage'), 'OperatorListPage'), permission: read, menu: { label: 'eqs.menuOperators', icon: createElement(IdcardOutlined), group, order: 50 } },
    { path: '/equipment/operators/expiring', page: page(() => import('./ExpiringCertificatesPage'), 'ExpiringCertificatesPage'), permission: read },
    { path: '/equipment/operators/:id', page: page(() => import('./OperatorDetailPage'), 'OperatorDetailPage'), permission: read },
    { path: '/equipment/exams', page: page(() => import('./ExamListPage'), 'ExamListPage'), permission: read, menu: { label: 'eqs.menuExams', icon: createElement(AuditOutlined), group, order: 55 } },
    { path: '/equipment/exams/:id', page: page(() => import('./ExamDetailPage'), 'ExamDetailPage'), permission: read },
    { path: '/equipment/emergency', page: page(() => import('./EmergencyPage'), 'EmergencyPage'), permission: read, menu: { label: 'eqs.menuEmergency', icon: createElement(SafetyCertificateOutlined), group, order: 60 } },
    { path: '/equipment/hazards', page: page(() => import('./HazardListPage'), 'HazardListPage'), permission: read, menu: { label: 'eqs.menuHazards', icon: createElement(AlertOutlined), group, order: 65 } },
    { path: '/equipment/hazards/:id', page: page(() => import('./HazardDetailPage'), 'HazardDetailPage'), permission: read },
    { path: '/equipment/self-correction', page: page(() => import('./SelfCorrectionPage'), 'SelfCorrectionPage'), permission: read, menu: { label: 'eqs.menuSelfCorrection', icon: createElement(BarChartOutlined), group, order: 70 } },
    { path: '/equipment/notices', page: page(() => import('./NoticeListPage'), 'NoticeListPage'), permission: read, menu: { label: 'eqs.menuNotices', icon: createElement(NotificationOutlined), group, order: 75 } },
    { path: '/equipment/notices/:id', page: page(() => import('./NoticeDetailPage'), 'NoticeDetailPage'), permission: read },
    { path: '/equipment/tier-models', page: page(() => import('./TierModelsPage'), 'TierModelsPage'), permission: 'equipment.configure', menu: { label: 'eqs.menuTierModels', icon: createElement(ApartmentOutlined), group, order: 90 } },
    // 企业端: the enterprise account's own equipment
    { path: '/my/equipment', page: page(() => import('./my/MyEquipmentPage'), 'MyEquipmentPage'), permission: self, menu: { label: 'eqs.myMenu', icon: createElement(ToolOutlined), order: 16, audience } },
    { path: '/my/equipment/units/:id', page: page(() => import('./my/MyUnitPage'), 'MyUnitPage'), permission: self },
    { path: '/my/equipment/self-inspection', page: page(() => import('./my/MySelfInspectionPage'), 'MySelfInspectionPage'), permission: 'enterprise_self.report' },
    { path: '/my/equipment/hazards', page: page(() => import('./my/MyHazardsPage'), 'MyHazardsPage'), permission: self },
    { path: '/my/equipment/hazards/:id', page: page(() => import('./my/MyHazardPage'), 'MyHazardPage'), permission: self },
    { path: '/my/equipment/operators', page: page(() => import('./my/MyOperatorsPage'), 'MyOperatorsPage'), permission: self },
    { path: '/my/equipment/emergency', page: page(() => import('./my/MyEmergencyPage'), 'MyEmergencyPage'), permission: self },
    { path: '/my/equipment/tier', page: page(() => import('./my/MyTierPage'), 'MyTierPage'), permission: self },
  ],
  messages: [equipmentSafetyMessages],
  contributes: [
    contribute(enterpriseDetailTabs, {
      key: 'equipment-safety',
      label: 'eqs.tab',
      permission: read,
      order: 45,
      component: page(() => import('./EnterpriseEquipmentTab'), 'EnterpriseEquipmentTab'),
    }),
  ],
};
