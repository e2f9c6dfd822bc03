import { List, Tag } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { licenceDocumentsApi } from '../documents/licenceDocuments.api';
import type { ExitDetail } from './exits.api';
import '../licenceAdmin.pages.i18n';
import './exits.pages.i18n';

/** The documents a procedure generated (核查通知书, 决定书), with download links. */
export function ExitDocuments({ exit }: { exit: ExitDetail }) {
  const { t } = useTranslation();
  return (
    <List
      data-testid="exit-documents"
      dataSource={exit.documents}
      locale={{ emptyText: t('exits.noDocuments') }}
      renderItem={(doc) => (
        <List.Item extra={formatDateTime(doc.createdAt)}>
          <a href={licenceDocumentsApi.downloadUrl(exit.licenceId, doc.id)} download={doc.fileName}>
            <FileWordOutlined /> {doc.fileName}
          </a>
          <Tag style={{ marginLeft: 8 }}>{t(`licenceAdmin.documents.kinds.${doc.kind}`)}</Tag>
        </List.Item>
      )}
    />
  );
}
