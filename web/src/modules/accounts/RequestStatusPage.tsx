import { Alert, Descriptions, Empty, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { PublicFrame } from '../../app/layout/PublicFrame';
import { accountRequestsPublicApi, type RequestStatusAnswer } from './accounts.api';
import './accounts.pages.i18n';

type Answer = { kind: 'found'; status: RequestStatusAnswer } | { kind: 'notFound' } | { kind: 'error'; error: unknown };

const COLORS = { pending: 'gold', approved: 'green', refused: 'red' } as const;

/** The status of an application by its request number (public, no sign-in); the number stays in the address. */
export function RequestStatusPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requestNo = params.get('no') ?? '';
  const [loading, setLoading] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!requestNo) return setAnswer(null);
    let live = true;
    setLoading(true);
    accountRequestsPublicApi
      .status(requestNo)
      .then(
        (status) => live && setAnswer({ kind: 'found', status }),
        (error: unknown) => live && setAnswer(error instanceof ApiError && error.status === 404 ? { kind: 'notFound' } : { kind: 'error', error }),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [requestNo]);

  const limited = answer?.kind === 'error' && answer.error instanceof ApiError && answer.error.status === 429;

  return (
    <PublicFrame width={520} title={t('entStatus.title')} extra={<Link to="/login">{t('entApply.toLogin')}</Link>} testId="request-status-page">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Input.Search
          key={requestNo}
          defaultValue={requestNo}
          aria-label={t('entApply.requestNo')}
          placeholder={t('entStatus.placeholder')}
          enterButton={t('common.search')}
          maxLength={40}
          loading={loading}
          onSearch={(raw) => {
            const no = raw.trim().toUpperCase();
            if (no) setParams({ no }, { replace: true });
          }}
        />
        {answer?.kind === 'notFound' && <Empty data-testid="status-not-found" description={t('entStatus.notFound')} />}
        {answer?.kind === 'error' && <Alert type={limited ? 'warning' : 'error'} showIcon role="alert" message={limited ? t('entApply.rateLimited') : errorText(answer.error, t)} />}
        {answer?.kind === 'found' && (
          <div data-testid="request-status">
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'no', label: t('entApply.requestNo'), children: <Typography.Text code>{requestNo}</Typography.Text> },
                { key: 'status', label: t('common.status'), children: <Tag color={COLORS[answer.status.status]}>{t(`entStatus.${answer.status.status}`)}</Tag> },
                ...(answer.status.note ? [{ key: 'note', label: t('entStatus.note'), children: answer.status.note }] : []),
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t(`entStatus.${answer.status.status}Hint`)}
            </Typography.Paragraph>
          </div>
        )}
        <div style={{ textAlign: 'center' }}>
          <Space wrap split="·">
            <Link to="/public/enterprise-account/apply">{t('entApply.link')}</Link>
            <Link to="/public/enterprise">{t('entApply.toLookup')}</Link>
          </Space>
        </div>
      </Space>
    </PublicFrame>
  );
}
