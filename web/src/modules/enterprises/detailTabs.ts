/**
 * The tabs of the enterprise detail page: a slot other modules fill from their manifest
 * (licences, inspections, equipment, complaints, credit…), so this module imports none of them.
 * Tabs are ordered by `order`.
 */
import type { ComponentType } from 'react';
import type { Enterprise } from '../../api/types';
import { defineSlot } from '../../app/modules/webModule';

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
  /** Loaded lazily (see `page()` in app/modules/webModule) or a plain component. */
  component: ComponentType<EnterpriseTabProps>;
}

export const enterpriseDetailTabs = defineSlot<EnterpriseDetailTab>('enterprises.detailTabs');
