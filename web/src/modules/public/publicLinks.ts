import { defineSlot } from '../../app/modules/webModule';

/** A link under the public enterprise look-up (the public site's entry page) to another public page; `label` is a message key. */
export interface PublicLink {
  key: string;
  to: string;
  label: string;
  order: number;
}

/** Other modules' public pages linked from the public look-up (e.g. 投诉举报). */
export const publicLinks = defineSlot<PublicLink>('public.links');
