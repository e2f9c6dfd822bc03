import { defineMessages } from '../../app/i18n/defineMessages';

/** The credit menu (loaded at start); the pages' strings are in credit.pages.i18n.ts. */
export const creditMessages = defineMessages({ credit: { menuGroup: '质量信用' } }, { credit: { menuGroup: 'Quality credit' } });
