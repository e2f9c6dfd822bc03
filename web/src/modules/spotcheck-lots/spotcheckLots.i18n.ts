import { defineMessages } from '../../app/i18n/defineMessages';

/** The lots' menu (loaded at start); the pages' strings are in spotcheckLots.pages.i18n.ts. */
export const spotcheckLotsMessages = defineMessages(
  { spotcheckLots: { menuLots: '抽查批次', menuInstitutions: '承检机构', menuMine: '本机构', menuOpen: '可申请批次', menuMyLots: '我的批次' } },
  { spotcheckLots: { menuLots: 'Spot-check lots', menuInstitutions: 'Testing institutions', menuMine: 'My institution', menuOpen: 'Lots open to apply', menuMyLots: 'My lots' } },
);
