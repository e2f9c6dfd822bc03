/**
 * Home pages made for a kind of user (e.g. an enterprise's account, 企业服务): the first item
 * whose `applies` holds for the signed-in user is shown at `/` instead of the staff home page.
 */
import type { ComponentType } from 'react';
import type { SessionUser } from '../../api/types';
import { defineSlot } from '../../app/modules/webModule';

export interface HomeVariant {
  key: string;
  applies: (user: SessionUser) => boolean;
  /** Loaded lazily (see `page()` in app/modules/webModule). */
  component: ComponentType;
}

export const homeVariants = defineSlot<HomeVariant>('home.variants');
