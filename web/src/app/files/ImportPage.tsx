import { Alert, Button, Card, Form, Radio, Space, Typography, Upload, type UploadFile } from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOf } from '../i18n/punctuation';
import { useNavigate } from 'react-router-dom';
import type { ImportResult } from '../../api/types';
import { errorText } from '../errorText';
import type { ImportMode } from './files.api';
import { ImportResultView } from './ImportResultView';

/** A column of an import file as docs/API.md lists it: Chinese header, English alias, required. */
export type ImportColumn = readonly [header: string, alias: string, required: boolean];

export interface ImportPageProps {
  title: string;
  /** The list to go back to, and the back button's text. */
  back: { path: string; label: string };
  columns: readonly ImportColumn[];
  /** What the import does with the rows (below the column list). */
  hint: string;
  upload: (file: File, mode: ImportMode) => Promise<ImportResult>;
}

/** The one import page: the columns, the file, the mode, then the counts and the rejected rows. */
export function ImportPage({ title, back, columns, hint, upload }: ImportPageProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = () => {
    const raw = file?.originFileObj;
    if (!raw) return;
    setSubmitting(true);
    setError(null);
    setResult(null);
    upload(raw, mode)
      .then(setResult, setError)
      .finally(() => setSubmitting(false));
  };

  return (
    <Card
      title={title}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back.path)}>
          {back.label}
        </Button>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message={t('files.headersTitle')}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {listOf(t, columns.map(([zh, en, req]) => `${zh} / ${en}${req ? ' *' : ''}`))}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{hint}</Typography.Text>
            </>
          }
        />
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          multiple={false}
          fileList={file ? [file] : []}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFile(fileList.at(-1) ?? null);
            setResult(null);
            setError(null);
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('files.drop')}</p>
          <p className="ant-upload-hint">{t('files.dropHint')}</p>
        </Upload.Dragger>
        <Form layout="inline">
          <Form.Item label={t('files.mode')}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
              <Radio value="all-or-nothing">{t('files.modeAll')}</Radio>
              <Radio value="valid-rows">{t('files.modeValid')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item>
            <Button type="primary" disabled={!file} loading={submitting} onClick={submit}>
              {t('files.submit')}
            </Button>
          </Form.Item>
        </Form>
        {error !== null && <Alert type="error" showIcon role="alert" data-testid="import-error" message={errorText(error, t)} />}
        {result && <ImportResultView result={result} mode={mode} />}
      </Space>
    </Card>
  );
}
