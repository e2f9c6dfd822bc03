import { defineMessages } from '../../app/i18n/defineMessages';

/** The portal's menu and links (loaded at start); the pages' strings are in portal.pages.i18n.ts. */
export const portalMessages = defineMessages({ portal: { menuNotices: '门户信息发布' } }, { portal: { menuNotices: 'Portal pages' } });
