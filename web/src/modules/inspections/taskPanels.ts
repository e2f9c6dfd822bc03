/**
 * Panels other modules add to an inspection task's page once the check is done and found something
 * (e.g. the cases module's 关联案件: a case opened on the task's findings), so this module imports
 * none of them. Panels are ordered by `order`.
 */
import type { ComponentType } from 'react';
import { defineSlot } from '../../app/modules/webModule';

export interface TaskPanel {
  key: string;
  order: number;
  /** Loaded lazily (see `page()` in app/modules/webModule); shown for a checked task with findings. */
  component: ComponentType<{ taskId: string }>;
}

export const taskPanels = defineSlot<TaskPanel>('inspections.taskPanels');
