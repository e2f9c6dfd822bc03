/**
 * The equipment module's strings loaded at start: menu, the enterprise tab's label and the public
 * look-up's link (shown before any equipment page loads). The pages' strings are in
 * equipment.pages.i18n.ts and the public record's in equipment.public.i18n.ts, added when they load.
 */
import { defineMessages } from '../../app/i18n/defineMessages';

export const equipmentMessages = defineMessages(
  {
    equipment: {
      menuGroup: '特种设备',
      menuList: '设备台账',
      menuDue: '检验到期',
      menuDashboard: '统计分析',
      menuSettings: '类别与检验周期',
      tab: '特种设备',
      lookupLink: '特种设备查询',
    },
  },
  {
    equipment: {
      menuGroup: 'Special equipment',
      menuList: 'Equipment register',
      menuDue: 'Inspections due',
      menuDashboard: 'Statistics',
      menuSettings: 'Categories & intervals',
      tab: 'Special equipment',
      lookupLink: 'Check a unit of special equipment',
    },
  },
);
