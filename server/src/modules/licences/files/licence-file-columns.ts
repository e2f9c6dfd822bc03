import type { FileColumn } from '../../../platform/files/header.js';
import type { LicenceField } from '../licence-fields.js';

/** The columns of a licence import/export file, in order (the export adds `STATE_HEADER`, which imports ignore). */
export const LICENCE_FILE_COLUMNS: readonly FileColumn<LicenceField>[] = [
  { field: 'type', header: '许可证类型', aliases: ['type', '证书类型', '证照类型', '许可类型', '证书名称'] },
  { field: 'number', header: '证书编号', aliases: ['number', '编号', '许可证编号', '证书号'] },
  { field: 'uscc', header: '统一社会信用代码', aliases: ['uscc', '信用代码', '社会信用代码', '统一代码'] },
  { field: 'scope', header: '许可范围', aliases: ['scope', '范围', '许可项目', '产品名称'] },
  { field: 'issuedOn', header: '发证日期', aliases: ['issuedon', 'issued_on', '发证时间'] },
  { field: 'expiresOn', header: '有效期至', aliases: ['expireson', 'expires_on', '有效期', '有效期截止日期', '到期日期'] },
  { field: 'issuer', header: '发证机关', aliases: ['issuer', '发证单位', '发证部门'] },
];

export const REQUIRED_LICENCE_FILE_FIELDS: readonly LicenceField[] = ['type', 'number', 'uscc', 'issuedOn', 'issuer'];

/** The export's last column: the licence's state, for readers; an import ignores it (states change only by measures). */
export const STATE_HEADER = '状态';
