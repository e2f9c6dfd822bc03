import { defineMessages } from '../../app/i18n/defineMessages';

/** Strings shown before the account pages load (links on the public pages, the menu, the enterprise page's tab); the rest are in accounts.pages.i18n.ts. */
export const accountsMessages = defineMessages(
  {
    entApply: { link: '申请企业账号', statusLink: '查询企业账号申请' },
    entAccounts: { menu: '企业账号', title: '企业账号' },
  },
  {
    entApply: { link: 'Apply for an enterprise account', statusLink: 'Check an account application' },
    entAccounts: { menu: 'Enterprise accounts', title: 'Enterprise accounts' },
  },
);
