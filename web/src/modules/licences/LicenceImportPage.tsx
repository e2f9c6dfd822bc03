import { useTranslation } from 'react-i18next';
import { ImportPage, type ImportColumn } from '../../app/files/ImportPage';
import { licencesApi } from './licences.api';
import './licenceFiles.pages.i18n';

/** The columns of a licence import file as docs/API.md lists them (Chinese or English header). */
const COLUMNS: ImportColumn[] = [
  ['许可证类型', 'type', true],
  ['证书编号', 'number', true],
  ['统一社会信用代码', 'uscc', true],
  ['许可范围', 'scope', false],
  ['发证日期', 'issuedOn', true],
  ['有效期至', 'expiresOn', false],
  ['发证机关', 'issuer', true],
];

export function LicenceImportPage() {
  const { t } = useTranslation();
  return (
    <ImportPage
      title={t('licenceFiles.importTitle')}
      back={{ path: '/licences', label: t('licences.backToList') }}
      columns={COLUMNS}
      hint={t('licenceFiles.importHint')}
      upload={licencesApi.import}
    />
  );
}
