import { defineMessages } from '../../app/i18n/defineMessages';

/** The clusters menu (loaded at start); the pages' strings are in clusters.pages.i18n.ts. */
export const clustersMessages = defineMessages({ clusters: { menu: '产业集聚区' } }, { clusters: { menu: 'Industrial clusters' } });
