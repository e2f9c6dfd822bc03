import { defineMessages } from '../../app/i18n/defineMessages';

/** Strings shown before the pages load (menu, the enterprise page's tab, the enterprise home's entry); the rest are in equipmentSafety.pages.i18n.ts. */
export const equipmentSafetyMessages = defineMessages(
  {
    eqs: {
      menuOperators: '作业人员',
      menuExams: '考试与培训',
      menuEmergency: '应急预案与演练',
      menuHazards: '隐患排查',
      menuSelfCorrection: '自查自纠率',
      menuNotices: '暗访通报',
      menuTierModels: '分级模型',
      tab: '特种设备安全',
      myMenu: '特种设备',
      myMenuDesc: '设备、自查、隐患整改、作业人员',
    },
  },
  {
    eqs: {
      menuOperators: 'Operators',
      menuExams: 'Exams and training',
      menuEmergency: 'Emergency plans and drills',
      menuHazards: 'Hazards',
      menuSelfCorrection: 'Self-correction rate',
      menuNotices: 'Unannounced-check notices',
      menuTierModels: 'Tier models',
      tab: 'Equipment safety',
      myMenu: 'Special equipment',
      myMenuDesc: 'Units, self-inspection, corrections, operators',
    },
  },
);
