import { defineMessages } from '../../app/i18n/defineMessages';

/** The spot-check menu (loaded at start); the pages' strings are in spotchecks.pages.i18n.ts. */
export const spotchecksMessages = defineMessages(
  { spotchecks: { menuGroup: '产品质量监督抽查', menuProducts: '产品目录', menuPlans: '监督抽查计划', menuSuggestions: '县区建议', menuSampling: '抽样方案计算' } },
  { spotchecks: { menuGroup: 'Product spot checks', menuProducts: 'Product catalogue', menuPlans: 'Spot-check plans', menuSuggestions: 'County suggestions', menuSampling: 'Sampling plans (GB/T 2828.1)' } },
);
