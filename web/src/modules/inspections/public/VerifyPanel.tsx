import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fetchRecordJson, METHOD_PATH, publicPagePath, publicRecordUrl, VERIFIER_PATH, verifyInBrowser, type VerifyResult } from '../draws/drawRecord';
import { VerifyOutcome } from '../draws/VerifyOutcome';
import '../draws.pages.i18n';

/** SHA-256 of the downloadable verifier, fixed at build time (web/vite.config.ts). */
const VERIFIER_SHA256 = __ZJ_VERIFIER_SHA256__;

const Command = ({ text, testId }: { text: string; testId?: string }) => (
  <Typography.Paragraph copyable code data-testid={testId} style={{ fontFamily: 'monospace', wordBreak: 'break-all', marginBottom: 8 }}>
    {text}
  </Typography.Paragraph>
);

/** The statement as one shell argument: double quotes work in every shell (it holds no quote, `$` or backslash). */
const quoted = (text: string) => `"${text}"`;

export interface VerifyPanelProps {
  drawId: string;
  statement: string | null | undefined;
  /** The record's JSON address; default: a plan draw's (`/api/public/draws/<id>`). */
  recordUrl?: string;
  /** The draw's public page (in the command shown); default: a plan draw's (`/public/draws/<id>`). */
  pagePath?: string;
}

/**
 * Verification a visitor can run: 在本机核验 (the record as served now, checked in this browser by
 * packages/draw-verify's module, with an optional pasted commit statement), and the download of
 * the same module to run with Node.js, with its SHA-256 and the command. Any module's
 * `zhijian-draw/2` record (e.g. spot checks' draws) passes its own addresses.
 */
export function VerifyPanel({ drawId, statement, recordUrl, pagePath }: VerifyPanelProps) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.public.${key}`);
  const [pasted, setPasted] = useState('');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{ result: VerifyResult; statementGiven: boolean } | null>(null);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const pageUrl = `${window.location.origin}${pagePath ?? publicPagePath(drawId)}`;

  const run = async () => {
    setRunning(true);
    setOutcome(null);
    setFetchError(null);
    try {
      const { record } = await fetchRecordJson(recordUrl ?? publicRecordUrl(drawId));
      const result = await verifyInBrowser(record, pasted);
      setOutcome({ result, statementGiven: pasted.trim() !== '' });
    } catch (err) {
      setFetchError(t('draws.public.fetchFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="verify-panel">
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {label('verifyTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{label('verifyIntro')}</Typography.Paragraph>
      <Form layout="vertical" name="verify" style={{ maxWidth: 900 }}>
        <Form.Item
          label={label('statementLabel')}
          htmlFor="verify-statement"
          extra={
            statement ? (
              <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setPasted(statement)}>
                {label('usePageStatement')}
              </Button>
            ) : undefined
          }
        >
          <Input.TextArea
            id="verify-statement"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={label('statementPlaceholder')}
            autoSize={{ minRows: 2, maxRows: 5 }}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" size="large" icon={<SafetyCertificateOutlined />} loading={running} onClick={() => void run()}>
            {label('verifyHere')}
          </Button>
          <Typography.Text type="secondary">{label('verifyHereHint')}</Typography.Text>
        </Space>
      </Form>
      {running && <Typography.Text type="secondary">{label('verifying')}</Typography.Text>}
      {fetchError && <Alert type="error" showIcon message={fetchError} data-testid="verify-result" />}
      {outcome && <VerifyOutcome result={outcome.result} statementGiven={outcome.statementGiven} />}

      <Typography.Title level={3} style={{ margin: '8px 0 0', fontSize: 16 }}>
        {label('offlineTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{label('offlineIntro')}</Typography.Paragraph>
      <div data-testid="verifier-download">
        <Button icon={<DownloadOutlined />} href={VERIFIER_PATH} download="zhijian-verify.mjs">
          {label('downloadVerifier')}
        </Button>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            {label('verifierSha')}
            {t('common.colon')}
          </Typography.Text>
          <Typography.Text code copyable data-testid="verifier-sha256" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {VERIFIER_SHA256}
          </Typography.Text>
        </div>
        <Typography.Text type="secondary">{label('verifierShaHint')}</Typography.Text>
      </div>
      <div>
        <Typography.Paragraph style={{ marginBottom: 4 }}>{label('runCommand')}</Typography.Paragraph>
        <Command text={`node zhijian-verify.mjs ${pageUrl}`} testId="verify-command" />
        {statement && (
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{label('runWithStatement')}</Typography.Paragraph>
            <Command text={`node zhijian-verify.mjs ${pageUrl} ${quoted(statement)}`} />
          </>
        )}
        <Typography.Text type="secondary">{label('runResult')}</Typography.Text>
      </div>
      <Link to={METHOD_PATH}>{label('methodLink')}</Link>
    </Space>
  );
}
