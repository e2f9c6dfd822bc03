import { Alert, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { VerifyResult } from './drawRecord';
import '../draws.pages.i18n';

const KNOWN_CHECKS = new Set(['version', 'commitment', 'seed', 'candidate_hash', 'candidates', 'unsorted_candidates', 'selection', 'openings', 'inspector_pool', 'assignment', 'blinding', 'commit_statement']);

/** A check's name (the verifier's English, e.g. `candidate hash`) in the page's language; unknown names as they are. */
export function useCheckName(): (check: string) => string {
  const { t } = useTranslation();
  return (check) => {
    const key = check.trim().toLowerCase().replace(/\s+/g, '_');
    return KNOWN_CHECKS.has(key) ? t(`draws.check.${key}`) : check;
  };
}

/** The verifier's answer: 核验通过 with what was checked, or the first mismatch (field and message). */
export function VerifyOutcome({ result, statementGiven }: { result: VerifyResult; statementGiven: boolean }) {
  const { t } = useTranslation();
  const checkName = useCheckName();
  const label = (key: string) => t(`draws.public.${key}`);
  if (!result.ok) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="verify-result"
        message={label('failed')}
        description={
          <Space direction="vertical" size={4}>
            <span>
              {label('failedField')}
              {t('common.colon')}
              <Typography.Text strong data-testid="verify-field">
                {checkName(result.field)}
              </Typography.Text>{' '}
              <Typography.Text code>{result.field}</Typography.Text>
            </span>
            <Typography.Text code data-testid="verify-message" style={{ wordBreak: 'break-word' }}>
              {result.message}
            </Typography.Text>
          </Space>
        }
      />
    );
  }
  const notes = [label(result.status === 'revealed' ? 'passedRevealed' : 'passedCommitted'), statementGiven ? label('passedStatement') : label('noStatement')];
  return (
    <Alert
      type="success"
      showIcon
      data-testid="verify-result"
      message={label('passed')}
      description={
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {notes.map((n) => (
            <span key={n}>{n}</span>
          ))}
          <Space size={[4, 4]} wrap>
            <Typography.Text type="secondary">
              {label('checks')}
              {t('common.colon')}
            </Typography.Text>
            {result.checks.map((c) => (
              <Tag key={c} icon={<CheckCircleOutlined />} color="success" title={c}>
                {checkName(c)}
              </Tag>
            ))}
          </Space>
          <span>
            <Typography.Text type="secondary">
              {t('draws.record.version')}
              {t('common.colon')}
            </Typography.Text>
            <Typography.Text code>{result.version}</Typography.Text>
          </span>
        </Space>
      }
    />
  );
}
