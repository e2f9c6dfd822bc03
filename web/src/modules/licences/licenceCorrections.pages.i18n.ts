/** Strings of a licence's corrections (licenceCorrections.*), added when a file using them loads (see app/i18n/pageMessages). */
import { defineMessages } from '../../app/i18n/defineMessages';
import { addPageMessages } from '../../app/i18n/pageMessages';

addPageMessages(
  defineMessages(
    {
      licenceCorrections: {
        correct: '更正信息',
        title: '更正许可证信息',
        hint: '仅用于更正登记信息与所发证书不一致之处（如证书编号录入错误、许可范围漏录）。延续、变更等须按相应程序办理。更正前后的内容和理由记入审计日志和时间线。',
        datesClosed: '许可证已失效，其日期不能再更正',
        reason: '更正理由',
        reasonRequired: '请填写更正理由',
        noChange: '没有修改任何内容',
        done: '已更正',
        entry: '信息更正',
        by: '更正人',
        fields: { number: '证书编号', scope: '许可范围', issuer: '发证机关', issuedOn: '发证日期', expiresOn: '有效期至' },
        empty: '（空）',
      },
    },
    {
      licenceCorrections: {
        correct: 'Correct details',
        title: 'Correct the licence’s details',
        hint: 'Only to put right what does not match the certificate as issued (a mistyped number, a scope left out). Renewals and changes follow their own procedures. The values before and after and the reason go to the audit log and the timeline.',
        datesClosed: 'The licence is no longer current: its dates cannot be corrected',
        reason: 'Reason',
        reasonRequired: 'Give the reason for the correction',
        noChange: 'Nothing was changed',
        done: 'Corrected',
        entry: 'Correction',
        by: 'Corrected by',
        fields: { number: 'Number', scope: 'Scope', issuer: 'Issued by', issuedOn: 'Issued on', expiresOn: 'Valid until' },
        empty: '(empty)',
      },
    },
  ),
);
