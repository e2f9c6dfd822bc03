import { Alert, Card, Descriptions, Empty, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { PublicEnterprise } from '../../api/types';
import { errorText } from '../../app/errors';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { AuthPageFrame } from '../auth/AuthPageFrame';
import { StatusTag } from '../enterprises/enterpriseLabels';
import { publicApi } from './public.api';
import { PublicLicences } from './PublicLicences';
import { PublicResultsTable } from '../inspections/tasks/PublicResultsTable';

type Answer = { kind: 'found'; enterprise: PublicEnterprise } | { kind: 'notFound' } | { kind: 'error'; error: unknown };

function AnswerView({ answer }: { answer: Answer }) {
  const { t } = useTranslation();
  if (answer.kind === 'notFound') return <Empty data-testid="public-not-found" description={t('publicLookup.notFound')} />;
  if (answer.kind === 'error') {
    const limited = answer.error instanceof ApiError && answer.error.status === 429;
    return (
      <Alert
        type={limited ? 'warning' : 'error'}
        showIcon
        role="alert"
        data-testid="public-error"
        message={limited ? t('publicLookup.rateLimited') : errorText(answer.error, t)}
      />
    );
  }
  const e = answer.enterprise;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        data-testid="public-result"
        items={[
          { key: 'name', label: t('enterprises.name'), children: e.name },
          { key: 'uscc', label: t('enterprises.uscc'), children: e.uscc },
          { key: 'region', label: t('enterprises.region'), children: e.regionName ?? e.regionCode },
          { key: 'status', label: t('common.status'), children: <StatusTag status={e.status} /> },
        ]}
      />
      <PublicLicences record={e} />
      <PublicResultsTable uscc={e.uscc} withoutEnterprise title={t('inspectionTasks.publicSection')} />
    </Space>
  );
}

/** 企业信用公示查询: public, outside the shell, no login. */
export function PublicEnterprisePage() {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const lookup = (raw: string) => {
    const uscc = raw.replace(/\s/g, '').toUpperCase();
    if (!uscc) return;
    setLoading(true);
    publicApi
      .enterprise(uscc)
      .then(
        (enterprise) => setAnswer({ kind: 'found', enterprise }),
        (error: unknown) =>
          setAnswer(error instanceof ApiError && error.status === 404 ? { kind: 'notFound' } : { kind: 'error', error }),
      )
      .finally(() => setLoading(false));
  };

  return (
    <AuthPageFrame extra={<LanguageSwitch />}>
      <Card title={t('publicLookup.title')} style={{ width: 960, maxWidth: '96vw' }} extra={<Link to="/login">{t('publicLookup.toLogin')}</Link>}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Input.Search
            aria-label={t('enterprises.uscc')}
            placeholder={t('publicLookup.placeholder')}
            enterButton={t('common.search')}
            maxLength={24}
            allowClear
            loading={loading}
            onSearch={lookup}
          />
          {answer && <AnswerView answer={answer} />}
        </Space>
      </Card>
    </AuthPageFrame>
  );
}
