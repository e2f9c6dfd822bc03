import { defineMessages } from '../../app/i18n/defineMessages';

/**
 * Strings shown before the complaint pages load (the 企业端 menu entry, the public site's links);
 * the rest are in complaintsPublic.pages.i18n.ts.
 */
export const complaintsPublicMessages = defineMessages(
  {
    complaintsPublic: {
      menuMy: '投诉调解',
      myDesc: '转来协商处理的投诉及答复',
      linkNew: '投诉举报',
      linkTrack: '投诉举报查询',
    },
  },
  {
    complaintsPublic: {
      menuMy: 'Complaints to mediate',
      myDesc: 'Complaints passed to you to settle, and your answers',
      linkNew: 'Complain or report',
      linkTrack: 'Follow a complaint',
    },
  },
);
