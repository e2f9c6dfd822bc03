import { Button, Flex, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ImportPage, type ImportColumn } from '../../app/files/ImportPage';
import './equipment.pages.i18n';
import { equipmentApi } from './equipment.api';

/** The columns of a unit import file (Chinese or English header); * = required. */
export const IMPORT_COLUMNS: ImportColumn[] = [
  ['设备类别', 'category', true],
  ['设备品种', 'subcategory', false],
  ['设备代码', 'equipmentCode', true],
  ['使用登记证编号', 'registrationNo', false],
  ['使用单位统一社会信用代码', 'userUscc', true],
  ['所在区域', 'regionCode', true],
  ['设备使用地点', 'address', true],
  ['制造单位', 'manufacturer', false],
  ['型号', 'model', false],
  ['出厂编号', 'factoryNo', false],
  ['投入使用日期', 'putIntoServiceOn', true],
  ['重点场所', 'keyUnitKind', false],
  ['安全状况等级', 'safetyGrade', false],
  ['下次检验日期', 'nextInspectionDue', false],
];

/** An example row under the template's header (an elevator in a residential estate). */
const EXAMPLE: Record<string, string> = {
  category: '3000',
  subcategory: '3100',
  equipmentCode: '31103208002026000001',
  registrationNo: '梯11苏H00001(26)',
  userUscc: '91320800MA1XXXXXXX',
  regionCode: '320803',
  address: '淮安区某小区 1 号楼 1 单元',
  manufacturer: '某电梯有限公司',
  model: 'GeN2',
  factoryNo: 'F2026001',
  putIntoServiceOn: '2026-01-15',
  keyUnitKind: '住宅小区',
  safetyGrade: '',
  nextInspectionDue: '2027-01-15',
};

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template as a UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese header right). */
export function templateCsv(): string {
  const header = IMPORT_COLUMNS.map(([zh]) => zh);
  const example = IMPORT_COLUMNS.map(([, key]) => EXAMPLE[key] ?? '');
  return `\uFEFF${[header, example].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function downloadTemplate(name: string) {
  const url = URL.createObjectURL(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** 批量导入特种设备: the shared import page, with a template to fill in. */
export function EquipmentImportPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="end">
        <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(`${t('equipment.templateFile')}.csv`)} data-testid="import-template">
          {t('equipment.template')}
        </Button>
      </Flex>
      <ImportPage
        title={t('equipment.importTitle')}
        back={{ path: '/equipment', label: t('equipment.backToList') }}
        columns={IMPORT_COLUMNS}
        hint={t('equipment.importHint')}
        upload={equipmentApi.import}
      />
    </Space>
  );
}
