import { Button, Flex, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ImportPage, type ImportColumn } from '../../app/files/ImportPage';
import './complaints.pages.i18n';
import { complaintsApi } from './complaints.api';

/** The columns of a 12315 transfer list as the server reads them (Chinese header or English field name); * = required. */
const COLUMNS: ImportColumn[] = [
  ['转办编号', 'channelRef', true],
  ['类型', 'kind', false],
  ['登记日期', 'receivedOn', false],
  ['被投诉举报对象', 'subjectName', false],
  ['统一社会信用代码', 'subjectUscc', false],
  ['特种设备使用登记证编号', 'equipmentRegistrationNo', false],
  ['所属区划', 'regionCode', false],
  ['地点', 'place', false],
  ['问题描述', 'description', true],
  ['紧急类别', 'category', false],
  ['投诉举报人姓名', 'reporterName', false],
  ['联系电话', 'reporterPhone', false],
  ['身份证号', 'reporterIdNumber', false],
  ['联系地址', 'reporterAddress', false],
];

/** 12315 转办导入: a day's transfer list (.xlsx/.csv) through the shared import page; a transfer number already held is skipped. */
export function ComplaintImportPage() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="end" data-testid="import-template">
        <Button icon={<DownloadOutlined />} href={complaintsApi.templateUrl('xlsx')} download>
          {t('complaints.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={complaintsApi.templateUrl('csv')} download>
          {t('complaints.templateCsv')}
        </Button>
      </Flex>
      <ImportPage
        title={t('complaints.importTitle')}
        back={{ path: '/complaints', label: t('complaints.backToList') }}
        columns={COLUMNS}
        hint={t('complaints.importHint')}
        upload={complaintsApi.import}
      />
    </Space>
  );
}
