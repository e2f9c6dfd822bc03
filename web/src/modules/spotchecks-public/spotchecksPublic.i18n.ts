import { defineMessages } from '../../app/i18n/defineMessages';

/** Shown before the pages load: the public look-up's links and the enterprise's menu item; the pages' strings are in spotchecksPublic.pages.i18n.ts. */
export const spotchecksPublicMessages = defineMessages(
  { scPublic: { linkResults: '产品质量监督抽查结果', linkBulletins: '产品质量公告', linkSelections: '承检机构选定结果', menuMy: '监督抽查' } },
  { scPublic: { linkResults: 'Product quality spot check results', linkBulletins: 'Quality bulletins', linkSelections: 'Testing institution selections', menuMy: 'Spot checks' } },
);
