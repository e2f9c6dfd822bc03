/** Slots the shell itself offers to modules. */
import type { ComponentType } from 'react';
import { defineSlot } from './webModule';

/** Small components shown in the header before the account actions (e.g. the to-do badge). */
export const headerActions = defineSlot<{ key: string; order: number; component: ComponentType }>('app.headerActions');
