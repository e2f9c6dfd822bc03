import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { NoticeText } from './NoticeText';
import { NOTICE_KINDS, portalPublicApi, publicNoticePath, type NoticeKind } from './portal.api';
import { PortalFrame } from './PortalFrame';
import { Badge, buttonStyle, COLORS, Facts, linkStyle, Message, mutedText, Pager, Intro, PublicError, Stack } from './ui';

const isKind = (v: unknown): v is NoticeKind => NOTICE_KINDS.includes(v as NoticeKind);

/** The kind filter: one pressed button among 全部 and the four kinds. */
function KindFilter({ kind, onKind }: { kind: NoticeKind | undefined; onKind: (k: NoticeKind | undefined) => void }) {
  const { t } = useTranslation();
  const options = [{ value: undefined, label: t('portal.notices.all') }, ...NOTICE_KINDS.map((k) => ({ value: k, label: t(`portal.kinds.${k}`) }))];
  return (
    <div role="group" aria-label={t('portal.notices.kind')} data-testid="notice-kinds" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {options.map((o) => (
        <button key={o.value ?? 'all'} type="button" aria-pressed={kind === o.value} onClick={() => onKind(o.value)} style={{ ...buttonStyle(kind === o.value), minHeight: 36 }}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** 通知公告: the bureau's published notices, plans, results and exposures, newest first, by kind; the kind and page are in the URL. No sign-in. */
export function PublicNoticesPage() {
  const { t } = useTranslation();
  const list = useListState(10);
  const kind = isKind(list.values.kind) ? list.values.kind : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => portalPublicApi.notices({ kind, page, pageSize }), `${kind}|${page}|${pageSize}`);
  const items = result.data?.items ?? [];
  return (
    <PortalFrame title={t('portal.notices.title')} testId="public-notices" width={880}>
      <Stack>
        <Intro>{t('portal.notices.intro')}</Intro>
        <KindFilter kind={kind} onKind={(k) => list.setValues({ kind: k })} />
        {result.error ? <PublicError error={result.error} /> : null}
        {result.loading && <Message>{t('portal.loading')}</Message>}
        {result.data && !result.loading && items.length === 0 && <Message>{t('portal.notices.empty')}</Message>}
        <ul data-testid="public-notice-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {!result.loading &&
            items.map((n) => (
              <li key={n.id} style={{ padding: '10px 0', borderBottom: `1px solid ${COLORS.border}` }}>
                <div style={{ display: 'flex', gap: 6, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  <Badge tone={n.kind === 'exposure' ? 'danger' : 'info'}>{t(`portal.kinds.${n.kind}`)}</Badge>
                  <Link to={publicNoticePath(n.id)} style={{ ...linkStyle, fontSize: 15, fontWeight: 600 }}>
                    {n.title}
                  </Link>
                </div>
                {n.summary && <div style={{ margin: '4px 0' }}>{n.summary}</div>}
                <div style={mutedText}>
                  {n.orgName} · {formatDate(n.publishedAt)}
                </div>
              </li>
            ))}
        </ul>
        {result.data && <Pager page={page} pageSize={pageSize} total={result.data.total} onPage={(p) => list.setPage(p)} />}
      </Stack>
    </PortalFrame>
  );
}

/** One published notice: its kind, publisher, date and text in paragraphs (as text, never HTML). A withdrawn one says so. No sign-in. */
export function PublicNoticePage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => portalPublicApi.notice(id), id);
  let body;
  if (error instanceof ApiError && (error.status === 404 || error.status === 410))
    body = <Message testId="notice-gone">{t(error.status === 410 ? 'portal.notices.withdrawn' : 'portal.notices.notFound')}</Message>;
  else if (error) body = <PublicError error={error} />;
  else if (!data || loading) body = <Message>{t('portal.loading')}</Message>;
  else
    body = (
      <Stack gap={12}>
        <Facts
          items={[
            { key: 'kind', label: t('portal.notices.kind'), value: t(`portal.kinds.${data.kind}`) },
            { key: 'org', label: t('portal.notices.org'), value: data.orgName },
            { key: 'on', label: t('portal.notices.publishedOn'), value: formatDate(data.publishedAt) },
          ]}
        />
        {data.summary && <p style={{ margin: 0, fontWeight: 600 }}>{data.summary}</p>}
        <NoticeText body={data.body} testId="notice-body" />
      </Stack>
    );
  return (
    <PortalFrame
      title={data?.title ?? t('portal.notices.title')}
      extra={
        <Link to="/public/notices" style={linkStyle}>
          {t('portal.notices.toList')}
        </Link>
      }
      testId="public-notice"
      width={880}
    >
      {body}
    </PortalFrame>
  );
}
