import { defineMessages } from '../../app/i18n/defineMessages';

/** The menu entry (shown before the page loads); the page's strings are in complaintsStats.pages.i18n.ts. */
export const complaintsStatsMessages = defineMessages({ complaintsStats: { menu: '统计分析' } }, { complaintsStats: { menu: 'Statistics' } });
