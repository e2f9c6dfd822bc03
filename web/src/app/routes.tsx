import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  HomeOutlined,
  KeyOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  StopOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { HomePage } from '../modules/home/HomePage';
import { OrgListPage } from '../modules/orgs/OrgListPage';
import { UserListPage } from '../modules/users/UserListPage';
import { RoleListPage } from '../modules/roles/RoleListPage';
import { ApiKeyListPage } from '../modules/apikeys/ApiKeyListPage';
import { AuditListPage } from '../modules/audit/AuditListPage';
import { CalendarPage } from '../modules/calendar/CalendarPage';
import { EnterpriseListPage } from '../modules/enterprises/EnterpriseListPage';
import { EnterpriseDetailPage } from '../modules/enterprises/EnterpriseDetailPage';
import { EnterpriseImportPage } from '../modules/enterprises/EnterpriseImportPage';
import { LicenceListPage } from '../modules/licences/LicenceListPage';
import { LicenceDetailPage } from '../modules/licences/LicenceDetailPage';
import { LicenceImportPage } from '../modules/licences/LicenceImportPage';
import { ExitListPage } from '../modules/licences/exits/ExitListPage';
import { ExitDetailPage } from '../modules/licences/exits/ExitDetailPage';
import { LicenceSettingsPage } from '../modules/licences/settings/LicenceSettingsPage';
import { LeadListPage } from '../modules/licences/leads/LeadListPage';
import { FeedbackListPage } from '../modules/licences/feedback/FeedbackListPage';
import { FeedbackDetailPage } from '../modules/licences/feedback/FeedbackDetailPage';
import { FeedbackImportPage } from '../modules/licences/feedback/FeedbackImportPage';
import { PlanListPage } from '../modules/inspections/plans/PlanListPage';
import { PlanDetailPage } from '../modules/inspections/plans/PlanDetailPage';
import { PoolListPage } from '../modules/inspections/pools/PoolListPage';
import { ItemListPage } from '../modules/inspections/items/ItemListPage';
import { InspectorListPage } from '../modules/inspections/inspectors/InspectorListPage';
import { MyTaskListPage } from '../modules/inspections/tasks/MyTaskListPage';
import { TaskListPage } from '../modules/inspections/tasks/TaskListPage';
import { TaskDetailPage } from '../modules/inspections/tasks/TaskDetailPage';

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Needed to open the page (and to see its menu item); none = every signed-in user. */
  permission?: string;
  /** i18n key of the menu label; routes without one are not in the menu. */
  menuLabel?: string;
  icon?: ReactNode;
  /** Menu group (i18n key of its label). */
  group?: 'menu.market' | 'inspections.menuGroup' | 'menu.system';
}

/** The pages inside the shell. The side menu is built from this list. */
export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage />, menuLabel: 'menu.home', icon: <HomeOutlined /> },
  { path: '/calendar', element: <CalendarPage />, menuLabel: 'menu.calendar', icon: <CalendarOutlined /> },
  {
    path: '/enterprises',
    element: <EnterpriseListPage />,
    permission: 'enterprise.read',
    menuLabel: 'menu.enterprises',
    icon: <ShopOutlined />,
    group: 'menu.market',
  },
  { path: '/enterprises/import', element: <EnterpriseImportPage />, permission: 'enterprise.import' },
  { path: '/enterprises/:uscc', element: <EnterpriseDetailPage />, permission: 'enterprise.read' },
  {
    path: '/licences',
    element: <LicenceListPage />,
    permission: 'licence.read',
    menuLabel: 'menu.licences',
    icon: <FileProtectOutlined />,
    group: 'menu.market',
  },
  { path: '/licences/import', element: <LicenceImportPage />, permission: 'licence.write' },
  { path: '/licences/:id', element: <LicenceDetailPage />, permission: 'licence.read' },
  {
    path: '/feedback',
    element: <FeedbackListPage />,
    permission: 'licence.read',
    menuLabel: 'feedback.menu',
    icon: <NotificationOutlined />,
    group: 'menu.market',
  },
  { path: '/feedback/import', element: <FeedbackImportPage />, permission: 'feedback.submit' },
  { path: '/feedback/:id', element: <FeedbackDetailPage />, permission: 'licence.read' },
  {
    path: '/unlicensed-leads',
    element: <LeadListPage />,
    permission: 'licence.read',
    menuLabel: 'leads.menu',
    icon: <AlertOutlined />,
    group: 'menu.market',
  },
  {
    path: '/licence-exits',
    element: <ExitListPage />,
    permission: 'licence.read',
    menuLabel: 'exits.menu',
    icon: <StopOutlined />,
    group: 'menu.market',
  },
  { path: '/licence-exits/:id', element: <ExitDetailPage />, permission: 'licence.read' },
  {
    path: '/licence-settings',
    element: <LicenceSettingsPage />,
    permission: 'licence.configure',
    menuLabel: 'licenceAdmin.menu',
    icon: <SettingOutlined />,
    group: 'menu.market',
  },
  {
    path: '/my-inspection-tasks',
    element: <MyTaskListPage />,
    permission: 'inspection.perform',
    menuLabel: 'inspectionTasks.menuMine',
    icon: <CarryOutOutlined />,
    group: 'inspections.menuGroup',
  },
  {
    path: '/inspection-tasks',
    element: <TaskListPage />,
    permission: 'inspection.read',
    menuLabel: 'inspectionTasks.menu',
    icon: <ProfileOutlined />,
    group: 'inspections.menuGroup',
  },
  { path: '/inspection-tasks/:id', element: <TaskDetailPage />, permission: 'inspection.read' },
  {
    path: '/inspection-plans',
    element: <PlanListPage />,
    permission: 'inspection.read',
    menuLabel: 'inspectionPlans.plans.menu',
    icon: <ScheduleOutlined />,
    group: 'inspections.menuGroup',
  },
  { path: '/inspection-plans/:id', element: <PlanDetailPage />, permission: 'inspection.read' },
  {
    path: '/object-pools',
    element: <PoolListPage />,
    permission: 'inspection.read',
    menuLabel: 'inspectionPlans.pools.menu',
    icon: <DatabaseOutlined />,
    group: 'inspections.menuGroup',
  },
  {
    path: '/inspection-items',
    element: <ItemListPage />,
    permission: 'inspection.read',
    menuLabel: 'inspections.items.menu',
    icon: <OrderedListOutlined />,
    group: 'inspections.menuGroup',
  },
  {
    path: '/inspectors',
    element: <InspectorListPage />,
    permission: 'inspection.read',
    menuLabel: 'inspections.inspectors.menu',
    icon: <ClusterOutlined />,
    group: 'inspections.menuGroup',
  },
  {
    path: '/orgs',
    element: <OrgListPage />,
    permission: 'org.read',
    menuLabel: 'menu.orgs',
    icon: <ApartmentOutlined />,
    group: 'menu.system',
  },
  {
    path: '/users',
    element: <UserListPage />,
    permission: 'user.read',
    menuLabel: 'menu.users',
    icon: <TeamOutlined />,
    group: 'menu.system',
  },
  {
    path: '/roles',
    element: <RoleListPage />,
    permission: 'role.read',
    menuLabel: 'menu.roles',
    icon: <SafetyCertificateOutlined />,
    group: 'menu.system',
  },
  {
    path: '/keys',
    element: <ApiKeyListPage />,
    permission: 'apikey.read',
    menuLabel: 'menu.apiKeys',
    icon: <KeyOutlined />,
    group: 'menu.system',
  },
  {
    path: '/audit',
    element: <AuditListPage />,
    permission: 'audit.read',
    menuLabel: 'menu.audit',
    icon: <AuditOutlined />,
    group: 'menu.system',
  },
];
