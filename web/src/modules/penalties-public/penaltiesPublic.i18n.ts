import { defineMessages } from '../../app/i18n/defineMessages';

/** The public look-up's link (shown before the page loads); the page's strings are in penaltiesPublic.pages.i18n.ts. */
export const penaltiesPublicMessages = defineMessages({ penaltiesPublic: { link: '行政处罚信息公示' } }, { penaltiesPublic: { link: 'Penalty decisions' } });
