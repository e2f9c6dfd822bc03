import { Alert, Button, Card, Form, Radio, Space, Typography, Upload, type UploadFile } from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ImportResult } from '../../api/types';
import { errorText } from '../../app/errors';
import { enterprisesApi, type ImportMode } from './enterprises.api';
import { ImportResultView } from './ImportResultView';

/** The columns of an import file as docs/API.md lists them (Chinese or English header). */
const HEADERS = [
  ['统一社会信用代码', 'uscc', true],
  ['企业名称', 'name', true],
  ['法定代表人', 'legalRepresentative', false],
  ['住所', 'address', false],
  ['行政区划代码', 'regionCode', true],
  ['登记状态', 'status', false],
  ['成立日期', 'establishedOn', false],
  ['行业代码', 'industryCode', false],
] as const;

export function EnterpriseImportPage() {
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
    enterprisesApi
      .import(raw, mode)
      .then(setResult, setError)
      .finally(() => setSubmitting(false));
  };

  return (
    <Card
      title={t('enterprises.importTitle')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/enterprises')}>
          {t('enterprises.backToList')}
        </Button>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message={t('enterprises.importHeadersTitle')}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {HEADERS.map(([zh, en, req]) => `${zh} / ${en}${req ? ' *' : ''}`).join('，')}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('enterprises.importHeadersHint')}</Typography.Text>
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
          <p className="ant-upload-text">{t('enterprises.importDrop')}</p>
          <p className="ant-upload-hint">{t('enterprises.importDropHint')}</p>
        </Upload.Dragger>
        <Form layout="inline">
          <Form.Item label={t('enterprises.importMode')}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
              <Radio value="all-or-nothing">{t('enterprises.importModeAll')}</Radio>
              <Radio value="valid-rows">{t('enterprises.importModeValid')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item>
            <Button type="primary" disabled={!file} loading={submitting} onClick={submit}>
              {t('enterprises.importSubmit')}
            </Button>
          </Form.Item>
        </Form>
        {error !== null && <Alert type="error" showIcon role="alert" data-testid="import-error" message={errorText(error, t)} />}
        {result && <ImportResultView result={result} mode={mode} />}
      </Space>
    </Card>
  );
}
