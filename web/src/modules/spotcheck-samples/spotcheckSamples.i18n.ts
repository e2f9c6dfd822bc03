import { defineMessages } from '../../app/i18n/defineMessages';

/** The samples' menu (loaded at start); the pages' strings are in spotcheckSamples.pages.i18n.ts. */
export const spotcheckSamplesMessages = defineMessages(
  { spotcheckSamples: { menuTasks: '抽样任务', menuSamples: '样品', menuObjections: '异议处理', menuRetests: '复检任务', menuFollowups: '后处理', menuBulletins: '质量公告', menuStats: '抽查统计' } },
  { spotcheckSamples: { menuTasks: 'My sampling tasks', menuSamples: 'Samples', menuObjections: 'Objections', menuRetests: 'Retests', menuFollowups: 'Follow-ups', menuBulletins: 'Quality bulletins', menuStats: 'Spot-check statistics' } },
);
