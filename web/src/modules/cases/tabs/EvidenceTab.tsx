/** 证据 tab: the evidence with its attachments, uploads, and the add_evidence action. */
import { DownloadOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { useNotifyError } from '../../../app/errors';
import { formatDate } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { labelled, listOf } from '../../../app/i18n/punctuation';
import { casesApi, type Evidence } from '../cases.api';
import { DueDate, explained, Text } from '../labels';
import { Failed, key, MAX_BYTES, type TabProps } from './tabShared';

/** 证据: the list (every party's), each with its attachments and an upload; add evidence (the add_evidence action). */
export function EvidenceTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const notifyError = useNotifyError();
  const { data, error, loading, reload } = useAsync(() => casesApi.evidence(c.id), key(c));
  const [uploading, setUploading] = useState<string | null>(null);
  const writable = can('case.write') && !['declined', 'closed'].includes(c.stage);

  const upload = async (e: Evidence, file: File) => {
    if (file.size > MAX_BYTES) return void message.error(t('cases.fileTooBig', { name: file.name }));
    setUploading(e.id);
    try {
      await casesApi.uploadEvidenceFile(c.id, e.id, file);
      void message.success(t('cases.uploaded', { name: file.name }));
      reload();
    } catch (err) {
      notifyError(explained(err, t));
    } finally {
      setUploading(null);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {allowed('add_evidence') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => run('add_evidence')} data-testid="action-add_evidence">
          {t('cases.addEvidence')}
        </Button>
      )}
      <Failed error={error} />
      <List<Evidence>
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noEvidence')} /> }}
        data-testid="case-evidence"
        renderItem={(e) => (
          <List.Item key={e.id}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color="blue">{t(`cases.evidenceKinds.${e.kind}`, { defaultValue: e.kind })}</Tag>
                <Typography.Text strong>{e.title}</Typography.Text>
                <Typography.Text type="secondary">{[formatDate(e.collectedOn), e.place].filter(Boolean).join(' · ')}</Typography.Text>
              </Space>
              <Typography.Text type="secondary">
                {labelled(t, t('cases.officers'), listOf(t, e.officerNames))} · {labelled(t, t('cases.producedBy'), e.producedByName)}
              </Typography.Text>
              {e.interviewee && (
                <span>{labelled(t, t('cases.interviewee'), e.interviewee)}</span>
              )}
              {(e.measureStartOn || e.measureEndOn) && (
                <span>
                  {formatDate(e.measureStartOn)} – <DueDate dueOn={e.measureEndOn} done={!!e.measureReleasedOn || c.stage === 'closed'} />
                </span>
              )}
              {e.description && <Text>{e.description}</Text>}
              {e.content && (
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {e.content}
                </Typography.Paragraph>
              )}
              <Space wrap>
                {(e.files ?? []).map((f) => (
                  <a key={f.id} href={casesApi.fileUrl(c.id, f.id)} download={f.fileName} title={`SHA-256 ${f.sha256}`}>
                    <PaperClipOutlined /> {f.fileName}
                  </a>
                ))}
                {e.kind === 'inquiry' && (
                  <a href={casesApi.documentUrl(c.id, 'inquiry_record', e.id)} download>
                    <DownloadOutlined /> {t('cases.inquiryDocument')}
                  </a>
                )}
                {writable && (
                  <Upload
                    showUploadList={false}
                    accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf,.doc,.docx,.mp3,.mp4"
                    beforeUpload={(file) => {
                      void upload(e, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={uploading === e.id} data-testid="evidence-upload">
                      {t('cases.upload')}
                    </Button>
                  </Upload>
                )}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
