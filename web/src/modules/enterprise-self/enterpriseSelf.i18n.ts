import { defineMessages } from '../../app/i18n/defineMessages';

/**
 * Strings shown before the enterprise's pages load (its menu, the public lookup's commitments);
 * the rest are in enterpriseSelf.pages.i18n.ts.
 */
export const enterpriseSelfMessages = defineMessages(
  {
    entSelf: {
      menuEnterprise: '本企业信息',
      menuLicences: '许可证',
      menuInspections: '检查记录',
      menuCommitments: '质量承诺',
      menuDraws: '抽取记录',
      commitmentsTitle: '质量承诺',
      kinds: { production: '生产企业质量安全承诺', equipment_user: '特种设备使用单位安全承诺', metrology: '计量诚信承诺', service: '服务质量承诺', other: '其他承诺' } as Record<string, string>,
      signedLine: '{{signedBy}} 签署于 {{signedOn}}',
    },
  },
  {
    entSelf: {
      menuEnterprise: 'My enterprise',
      menuLicences: 'Licences',
      menuInspections: 'Inspections',
      menuCommitments: 'Quality commitments',
      menuDraws: 'Draws',
      commitmentsTitle: 'Quality commitments',
      kinds: { production: 'Producer’s quality and safety commitment', equipment_user: 'Special equipment user’s safety commitment', metrology: 'Metrology integrity commitment', service: 'Service quality commitment', other: 'Other commitment' },
      signedLine: 'Signed by {{signedBy}} on {{signedOn}}',
    },
  },
);
