import { defineMessages } from '../../app/i18n/defineMessages';

/** The case administration menu (loaded at start); the pages' strings are in caseAdmin.pages.i18n.ts. */
export const caseAdminMessages = defineMessages(
  {
    caseAdmin: {
      menuPublications: '处罚决定公示',
      menuDiscretion: '裁量基准',
      menuExchange: '案件信息共享',
      menuExternal: '其他部门案件',
      menuTransferStats: '移送统计',
    },
  },
  {
    caseAdmin: {
      menuPublications: 'Publication of decisions',
      menuDiscretion: 'Discretion table',
      menuExchange: 'Case information exchange',
      menuExternal: "Other departments' cases",
      menuTransferStats: 'Transfer statistics',
    },
  },
);
