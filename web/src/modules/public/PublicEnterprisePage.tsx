import { Alert, Card, Empty, Input, Space, Spin } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { PublicEnterprise } from '../../api/types';
import { errorText } from '../../app/errorText';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { slotItems } from '../../app/modules/webModule';
import { AuthPageFrame, PageHeading } from '../auth';
import { publicApi } from './public.api';
import { publicLinks } from './publicLinks';

/** The answer (with its tables) loads on the first search, alongside the request: the page is usable before. */
const loadFound = () => import('./PublicEnterpriseFound');
const PublicEnterpriseFound = lazy(async () => ({ default: (await loadFound()).PublicEnterpriseFound }));

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
  return (
    <Suspense fallback={<Spin />}>
      <PublicEnterpriseFound enterprise={answer.enterprise} />
    </Suspense>
  );
}

/** 企业信用公示查询: public, outside the shell, no login; `?uscc=` (a link from the portal's search) looks it up at once. */
export function PublicEnterprisePage() {
  const { t } = useTranslation();
  const linked = useSearchParams()[0].get('uscc') ?? '';
  const [loading, setLoading] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const lookup = (raw: string) => {
    const uscc = raw.replace(/\s/g, '').toUpperCase();
    if (!uscc) return;
    setLoading(true);
    void loadFound().catch(() => undefined);
    publicApi
      .enterprise(uscc)
      .then(
        (enterprise) => setAnswer({ kind: 'found', enterprise }),
        (error: unknown) =>
          setAnswer(error instanceof ApiError && error.status === 404 ? { kind: 'notFound' } : { kind: 'error', error }),
      )
      .finally(() => setLoading(false));
  };
  useEffect(() => lookup(linked), [linked]);

  return (
    <AuthPageFrame extra={<LanguageSwitch />} title={t('publicLookup.title')}>
      <Card title={<PageHeading>{t('publicLookup.title')}</PageHeading>} style={{ width: 960, maxWidth: '96vw' }} extra={<Link to="/login">{t('publicLookup.toLogin')}</Link>}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Input.Search
            aria-label={t('enterprises.uscc')}
            placeholder={t('publicLookup.placeholder')}
            enterButton={t('common.search')}
            maxLength={24}
            defaultValue={linked}
            allowClear
            loading={loading}
            onSearch={lookup}
          />
          {answer && <AnswerView answer={answer} />}
          <Space wrap split="·" style={{ justifyContent: 'center', width: '100%' }}>
            <Link to="/public/enterprise-account/apply">{t('entApply.link')}</Link>
            <Link to="/public/enterprise-account/status">{t('entApply.statusLink')}</Link>
            <Link to="/public/equipment">{t('equipment.lookupLink')}</Link>
            {slotItems(publicLinks)
              .sort((a, b) => a.order - b.order)
              .map((l) => (
                <Link key={l.key} to={l.to}>
                  {t(l.label)}
                </Link>
              ))}
          </Space>
        </Space>
      </Card>
    </AuthPageFrame>
  );
}
