import { defineMessages } from '../../app/i18n/defineMessages';

/** The portal's menu items and the public look-up's links (loaded at start); the pages' strings are in portal.pages.i18n.ts. */
export const portalMessages = defineMessages(
  { portal: { menuNotices: '门户信息发布', menuMyCredit: '信用信息', linkHome: '信息公开首页', linkDishonest: '严重违法失信名单', linkNotices: '通知公告与曝光', linkOpenData: '开放数据' } },
  { portal: { menuNotices: 'Portal pages', menuMyCredit: 'Credit', linkHome: 'Public information home', linkDishonest: 'Dishonest list', linkNotices: 'Notices and exposures', linkOpenData: 'Open data' } },
);
