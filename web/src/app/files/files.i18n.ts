import { defineMessages } from '../i18n/defineMessages';

/** Strings of the shared import page, import result and export buttons (files.*). */
export const filesMessages = defineMessages(
  {
    files: {
      import: '批量导入',
      exportXlsx: '导出 Excel',
      exportCsv: '导出 CSV',
      headersTitle: '文件第一行为表头，可使用中文或英文列名（* 为必填列）：',
      drop: '点击或拖拽文件到此处',
      dropHint: '一次一个 .xlsx 或 .csv 文件',
      mode: '导入方式',
      modeAll: '全部成功才写入',
      modeValid: '仅导入有效行',
      submit: '开始导入',
      result: '导入结果',
      nothingWritten: '文件中有错误行，按“全部成功才写入”方式未写入任何数据。请修正后重新导入。',
      count: { imported: '新增', updated: '更新', unchanged: '未变化', rejected: '错误行' },
      rejectRow: '行号',
      rejectColumn: '列',
      rejectCode: '错误代码',
      rejectMessage: '说明',
    },
  },
  {
    files: {
      import: 'Bulk import',
      exportXlsx: 'Export Excel',
      exportCsv: 'Export CSV',
      headersTitle: 'The first row is the header; Chinese or English column names (* = required):',
      drop: 'Click or drag a file here',
      dropHint: 'One .xlsx or .csv file',
      mode: 'Mode',
      modeAll: 'All or nothing',
      modeValid: 'Valid rows only',
      submit: 'Import',
      result: 'Result',
      nothingWritten: 'The file has rejected rows: in "all or nothing" mode nothing was written. Correct them and import again.',
      count: { imported: 'Added', updated: 'Updated', unchanged: 'Unchanged', rejected: 'Rejected rows' },
      rejectRow: 'Row',
      rejectColumn: 'Column',
      rejectCode: 'Error code',
      rejectMessage: 'Message',
    },
  },
);
