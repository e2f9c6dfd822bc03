/**
 * Panels other modules add to a hazard's page (e.g. the cases module's 关联案件: a case opened on
 * the hazard), so this module imports none of them. Panels are ordered by `order`.
 */
import type { ComponentType } from 'react';
import { defineSlot } from '../../app/modules/webModule';

export interface HazardPanel {
  key: string;
  order: number;
  /** Loaded lazily (see `page()` in app/modules/webModule). */
  component: ComponentType<{ hazardId: string }>;
}

export const hazardPanels = defineSlot<HazardPanel>('equipmentSafety.hazardPanels');
