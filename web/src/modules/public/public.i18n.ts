import { defineMessages } from '../../app/i18n/defineMessages';

/** Strings of the public record's licence sections (publicRecord.*). */
export const publicMessages = defineMessages(
  {
    publicRecord: {
      licences: '有效许可证',
      noLicences: '暂无有效许可证',
      typeName: '证照类型',
      number: '编号',
      scope: '许可范围',
      issuedOn: '发证日期',
      expiresOn: '有效期至',
      issuer: '发证机关',
      noExpiry: '长期有效',
      revocations: '吊销/撤销',
      revocationsHint: '以下许可证已被依法吊销或撤销，不再有效',
      kind: '类别',
      decidedOn: '决定日期',
      documentNo: '决定书文号',
    },
  },
  {
    publicRecord: {
      licences: 'Valid licences',
      noLicences: 'No valid licence',
      typeName: 'Licence type',
      number: 'Number',
      scope: 'Scope',
      issuedOn: 'Issued on',
      expiresOn: 'Valid until',
      issuer: 'Issued by',
      noExpiry: 'No expiry',
      revocations: 'Revoked / withdrawn',
      revocationsHint: 'These licences were revoked or withdrawn by decision and are no longer valid',
      kind: 'Measure',
      decidedOn: 'Decided on',
      documentNo: 'Decision document no.',
    },
  },
);
