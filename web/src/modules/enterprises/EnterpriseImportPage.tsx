import { useTranslation } from 'react-i18next';
import { ImportPage, type ImportColumn } from '../../app/files/ImportPage';
import { enterprisesApi } from './enterprises.api';

/** The columns of an import file as docs/API.md lists them (Chinese or English header). */
const COLUMNS: ImportColumn[] = [
  ['统一社会信用代码', 'uscc', true],
  ['企业名称', 'name', true],
  ['法定代表人', 'legalRepresentative', false],
  ['住所', 'address', false],
  ['行政区划代码', 'regionCode', true],
  ['登记状态', 'status', false],
  ['成立日期', 'establishedOn', false],
  ['行业代码', 'industryCode', false],
];

export function EnterpriseImportPage() {
  const { t } = useTranslation();
  return (
    <ImportPage
      title={t('enterprises.importTitle')}
      back={{ path: '/enterprises', label: t('enterprises.backToList') }}
      columns={COLUMNS}
      hint={t('enterprises.importHeadersHint')}
      upload={enterprisesApi.import}
    />
  );
}
