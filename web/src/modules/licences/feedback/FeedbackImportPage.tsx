import { useTranslation } from 'react-i18next';
import { ImportPage, type ImportColumn } from '../../../app/files/ImportPage';
import { feedbackApi } from './feedback.api';
import './feedback.pages.i18n';

/** The columns of a notice import file as docs/API.md lists them (Chinese or English header). */
const COLUMNS: ImportColumn[] = [
  ['统一社会信用代码', 'uscc', true],
  ['通报部门', 'department', true],
  ['通报类型', 'kind', true],
  ['摘要', 'summary', true],
  ['发生日期', 'occurredOn', true],
  ['文号', 'documentNo', false],
];

/** Officers import notices other departments sent as spreadsheets; each lands in its competent bureau's queue. */
export function FeedbackImportPage() {
  const { t } = useTranslation();
  return (
    <ImportPage
      title={t('feedback.importTitle')}
      back={{ path: '/feedback', label: t('feedback.backToList') }}
      columns={COLUMNS}
      hint={t('feedback.importHint')}
      upload={feedbackApi.import}
    />
  );
}
