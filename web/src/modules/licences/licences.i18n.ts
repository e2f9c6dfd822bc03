/**
 * The licences module's strings loaded at start: its parts' menu labels only. The pages' strings are
 * added when a file using them loads (see app/i18n/pageMessages): exits/exits.pages.i18n.ts,
 * feedback/feedback.pages.i18n.ts, leads/leads.pages.i18n.ts, licenceAdmin.pages.i18n.ts,
 * licenceCorrections.pages.i18n.ts and licenceFiles.pages.i18n.ts.
 */
import { defineMessages } from '../../app/i18n/defineMessages';

export const licencesMessages = defineMessages(
  {
    exits: { menu: '退出监管' },
    feedback: { menu: '部门通报' },
    leads: { menu: '无证无照线索' },
    licenceAdmin: { menu: '许可证设置' },
  },
  {
    exits: { menu: 'Exit supervision' },
    feedback: { menu: 'Department notices' },
    leads: { menu: 'Unlicensed operation' },
    licenceAdmin: { menu: 'Licence settings' },
  },
);
