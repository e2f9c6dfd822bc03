import { Button, Flex, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ImportPage, type ImportColumn } from '../../app/files/ImportPage';
import './equipment.pages.i18n';
import { equipmentApi } from './equipment.api';

/** The columns of a unit import file as the server reads them (Chinese header or English field name); * = required. */
const COLUMNS: ImportColumn[] = [
  ['设备代码', 'equipmentCode', true],
  ['使用登记证编号', 'registrationNo', false],
  ['设备类别', 'category', true],
  ['设备品种', 'subcategory', false],
  ['使用单位统一社会信用代码', 'userUscc', true],
  ['所在区划', 'regionCode', true],
  ['设备地址', 'address', true],
  ['制造单位', 'manufacturer', false],
  ['型号', 'model', false],
  ['出厂编号', 'factoryNo', false],
  ['投入使用日期', 'putIntoServiceOn', true],
  ['使用状态', 'status', false],
  ['重点场所类型', 'keyUnitKind', false],
  ['安全状况等级', 'safetyGrade', false],
  ['上次检验日期', 'lastInspectedOn', false],
  ['检验结论', 'lastConclusion', false],
  ['下次检验日期', 'nextInspectionDue', false],
];

/** 批量导入特种设备: the shared import page, with the template (the header row) to fill in. */
export function EquipmentImportPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="end" data-testid="import-template">
        <Button icon={<DownloadOutlined />} href={equipmentApi.templateUrl('xlsx')} download>
          {t('equipment.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={equipmentApi.templateUrl('csv')} download>
          {t('equipment.templateCsv')}
        </Button>
      </Flex>
      <ImportPage
        title={t('equipment.importTitle')}
        back={{ path: '/equipment', label: t('equipment.backToList') }}
        columns={COLUMNS}
        hint={t('equipment.importHint')}
        upload={equipmentApi.import}
      />
    </Space>
  );
}
