/**
 * The cases module's strings loaded at start: the menu only. The pages' strings are in
 * cases.pages.i18n.ts, added when a page loads (the first download stays within its budget).
 */
import { defineMessages } from '../../app/i18n/defineMessages';

export const casesMessages = defineMessages(
  {
    cases: {
      menuGroup: '执法办案',
      menuList: '案件列表',
      menuNew: '案件线索登记',
      tab: '执法案件',
    },
  },
  {
    cases: {
      menuGroup: 'Enforcement cases',
      menuList: 'Cases',
      menuNew: 'New case lead',
      tab: 'Cases',
    },
  },
);
