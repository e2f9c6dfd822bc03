import { defineMessages } from '../../app/i18n/defineMessages';

/** The campaigns menu (loaded at start); the pages' strings are in campaigns.pages.i18n.ts. */
export const campaignsMessages = defineMessages({ campaigns: { menu: '专项执法行动' } }, { campaigns: { menu: 'Enforcement campaigns' } });
