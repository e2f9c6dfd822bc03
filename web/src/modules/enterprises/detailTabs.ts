/**
 * The tabs of the enterprise detail page. A module adds its tab (licences, inspections,
 * equipment, complaints, credit…) by adding one entry here; tabs are ordered by `order`.
 */
import type { ComponentType } from 'react';
import type { Enterprise } from '../../api/types';
import { EnterpriseLicencesTab } from '../licences/EnterpriseLicencesTab';
import { EnterpriseInspectionsTab } from '../inspections/tasks/EnterpriseInspectionsTab';
import { BasicInfoTab } from './tabs/BasicInfoTab';
import { HistoryTab } from './tabs/HistoryTab';

export interface EnterpriseTabProps {
  enterprise: Enterprise;
  /** Call after changing the enterprise, with the server's answer when there is one (else the page reloads it). */
  onChanged: (saved?: Enterprise) => void;
}

export interface EnterpriseDetailTab {
  /** Also the `?tab=` value in the address. */
  key: string;
  /** i18n key of the tab label. */
  label: string;
  /** Needed to see the tab; none = whoever may open the page. */
  permission?: string;
  order: number;
  component: ComponentType<EnterpriseTabProps>;
}

export const enterpriseDetailTabs: EnterpriseDetailTab[] = [
  { key: 'basic', label: 'enterprises.tabBasic', order: 10, component: BasicInfoTab },
  { key: 'licences', label: 'licences.tab', permission: 'licence.read', order: 20, component: EnterpriseLicencesTab },
  { key: 'inspections', label: 'inspectionTasks.tab', permission: 'inspection.read', order: 30, component: EnterpriseInspectionsTab },
  { key: 'history', label: 'enterprises.tabHistory', order: 900, component: HistoryTab },
];
