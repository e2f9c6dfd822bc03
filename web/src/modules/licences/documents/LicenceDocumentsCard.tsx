import { App, Button, Card, Table, Tag, Upload, type TableColumnsType, type UploadProps } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { errorText } from '../../../app/errorText';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { licenceDocumentsApi, type LicenceDocument, type LicenceDocumentKind } from './licenceDocuments.api';
import '../licenceAdmin.pages.i18n';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.ofd';

const KIND_COLORS: Record<LicenceDocumentKind, string> = {
  attachment: 'default',
  investigation_notice: 'blue',
  revocation_decision: 'red',
  cancellation_decision: 'orange',
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props {
  licenceId: string;
  /** Changes when the licence does (a measure may have generated a document): the list reloads. */
  refreshKey?: string;
}

/**
 * Every file kept with a licence — uploaded attachments and the documents the exit workflows
 * generate — with download links, and an upload button for users who may write licences.
 */
export function LicenceDocumentsCard({ licenceId, refreshKey = '' }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data, loading, error, reload } = useAsync(() => licenceDocumentsApi.list(licenceId), `${licenceId}:${refreshKey}`);
  const [uploading, setUploading] = useState(false);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size <= MAX_BYTES) return true;
    void message.error(t('licenceAdmin.documents.tooLarge'));
    return Upload.LIST_IGNORE;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    setUploading(true);
    licenceDocumentsApi
      .upload(licenceId, file as File)
      .finally(() => setUploading(false))
      .then(
      (doc) => {
        onSuccess?.(doc);
        void message.success(t('licenceAdmin.documents.uploaded', { name: doc.fileName }));
        reload();
      },
      (err: unknown) => {
        onError?.(err as Error);
        void message.error(errorText(err, t));
      },
    );
  };

  const columns: TableColumnsType<LicenceDocument> = [
    {
      title: t('licenceAdmin.documents.fileName'),
      dataIndex: 'fileName',
      render: (name: string, doc) => (
        <a href={licenceDocumentsApi.downloadUrl(licenceId, doc.id)} download={name}>
          <PaperClipOutlined /> {name}
        </a>
      ),
    },
    {
      title: t('licenceAdmin.documents.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (kind: LicenceDocumentKind) => <Tag color={KIND_COLORS[kind]}>{t(`licenceAdmin.documents.kinds.${kind}`)}</Tag>,
    },
    { title: t('licenceAdmin.documents.size'), dataIndex: 'size', width: 100, render: formatSize },
    { title: t('licenceAdmin.documents.createdBy'), dataIndex: 'createdByName', width: 140 },
    { title: t('licenceAdmin.documents.createdAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card
      title={t('licenceAdmin.documents.title')}
      data-testid="licence-documents"
      extra={
        can('licence.write') && (
          <Upload accept={ACCEPT} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest}>
            <Button icon={<UploadOutlined />} loading={uploading} title={t('licenceAdmin.documents.uploadHint')}>
              {t('licenceAdmin.documents.upload')}
            </Button>
          </Upload>
        )
      }
    >
      <Table<LicenceDocument>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: error ? errorText(error, t) : t('licenceAdmin.documents.empty') }}
      />
    </Card>
  );
}
