import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { PublicEnterprise } from '../../api/types';
import { linkStyle, Message, SearchBox } from '../../app/components/plain';
import { errorText } from '../../app/errorText';
import { PublicFrame } from '../../app/layout/PublicFrame';
import { slotItems } from '../../app/modules/webModule';
import { publicApi } from './public.api';
import { publicLinks } from './publicLinks';

/** The answer (with its tables) loads on the first search, alongside the request: the page is usable before. */
const loadFound = () => import('./PublicEnterpriseFound');
const PublicEnterpriseFound = lazy(async () => ({ default: (await loadFound()).PublicEnterpriseFound }));

type Answer = { kind: 'found'; enterprise: PublicEnterprise } | { kind: 'notFound' } | { kind: 'error'; error: unknown };

function AnswerView({ answer }: { answer: Answer }) {
  const { t } = useTranslation();
  if (answer.kind === 'notFound') return <Message testId="public-not-found">{t('publicLookup.notFound')}</Message>;
  if (answer.kind === 'error') {
    const limited = answer.error instanceof ApiError && answer.error.status === 429;
    return (
      <Message tone={limited ? 'warning' : 'error'} testId="public-error">
        {limited ? t('publicLookup.rateLimited') : errorText(answer.error, t)}
      </Message>
    );
  }
  return (
    <Suspense fallback={null}>
      <PublicEnterpriseFound enterprise={answer.enterprise} />
    </Suspense>
  );
}

/** The links under the look-up: the enterprise account, the equipment look-up and those other modules add (publicLinks). */
function PublicLinks() {
  const { t } = useTranslation();
  const links: { key: string; to: string; label: ReactNode }[] = [
    { key: 'apply', to: '/public/enterprise-account/apply', label: t('entApply.link') },
    { key: 'status', to: '/public/enterprise-account/status', label: t('entApply.statusLink') },
    { key: 'equipment', to: '/public/equipment', label: t('equipment.lookupLink') },
    ...slotItems(publicLinks)
      .sort((a, b) => a.order - b.order)
      .map((l) => ({ key: l.key, to: l.to, label: t(l.label) })),
  ];
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: '8px 20px' }}>
      {links.map((l) => (
        <li key={l.key}>
          <Link to={l.to} style={linkStyle}>
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
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
    <PublicFrame
      title={t('publicLookup.title')}
      width={960}
      busy={loading}
      extra={
        <Link to="/login" style={linkStyle}>
          {t('publicLookup.toLogin')}
        </Link>
      }
    >
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <SearchBox label={t('enterprises.uscc')} placeholder={t('publicLookup.placeholder')} value={linked} maxLength={24} onSearch={lookup} />
        {answer && <AnswerView answer={answer} />}
        <PublicLinks />
      </div>
    </PublicFrame>
  );
}
