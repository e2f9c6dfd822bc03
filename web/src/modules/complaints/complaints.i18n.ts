/**
 * The complaints module's strings loaded at start: the menu only. The pages' strings are in
 * complaints.pages.i18n.ts, added when a page loads (the first download stays within its budget).
 */
import { defineMessages } from '../../app/i18n/defineMessages';

export const complaintsMessages = defineMessages(
  {
    complaints: {
      menuGroup: '投诉举报',
      menuList: '投诉举报列表',
      menuNew: '热线登记',
      menuRewards: '举报奖励',
      menuSettings: '投诉举报设置',
    },
  },
  {
    complaints: {
      menuGroup: 'Complaints & reports',
      menuList: 'Complaints and reports',
      menuNew: 'Hotline entry',
      menuRewards: 'Rewards for reports',
      menuSettings: 'Complaint settings',
    },
  },
);
