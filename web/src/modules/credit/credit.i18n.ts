import { defineMessages } from '../../app/i18n/defineMessages';

/** The credit menu and the enterprise page's tab (loaded at start); the pages' strings are in credit.pages.i18n.ts. */
export const creditMessages = defineMessages(
  {
    credit: {
      menuGroup: '质量信用',
      menuArchive: '信用档案',
      menuListings: '失信名单管理',
      menuRepairs: '信用修复申请',
      menuCheck: '联合惩戒查询',
      menuModels: '信用评价模型',
      menuEvaluators: '第三方评价机构',
      menuMyRatings: '信用评价结果',
      tab: '质量信用',
    },
  },
  {
    credit: {
      menuGroup: 'Quality credit',
      menuArchive: 'Credit archive',
      menuListings: 'Dishonest list',
      menuRepairs: 'Credit repair',
      menuCheck: 'Joint punishment check',
      menuModels: 'Credit model',
      menuEvaluators: 'Credit evaluators',
      menuMyRatings: 'Credit ratings',
      tab: 'Quality credit',
    },
  },
);
