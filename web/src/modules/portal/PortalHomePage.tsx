import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { enterpriseRecordPath, portalPublicApi, publicNoticePath } from './portal.api';
import { PortalFrame } from './PortalFrame';
import { Badge, Box, linkStyle, Message, mutedText, Pager, SearchBox, Intro, PublicError, Stack } from './ui';

/** The home page's sections: a heading (portal.home.<key>) and the public pages it links to. */
const SECTIONS: { key: string; links: { to: string; label: string }[] }[] = [
  { key: 'dishonest', links: [{ to: '/public/dishonest-list', label: 'portal.links.dishonest' }] },
  {
    key: 'results',
    links: [
      { to: '/public/spotcheck-results', label: 'portal.links.spotcheckResults' },
      { to: '/public/spotcheck-bulletins', label: 'portal.links.spotcheckBulletins' },
      { to: '/public/spotcheck-selections', label: 'portal.links.spotcheckSelections' },
      { to: '/public/inspection-results', label: 'portal.links.inspectionResults' },
    ],
  },
  {
    key: 'draws',
    links: [
      { to: '/public/draws', label: 'portal.links.draws' },
      { to: '/public/draw-method', label: 'portal.links.drawMethod' },
    ],
  },
  { key: 'penalties', links: [{ to: '/public/penalties', label: 'portal.links.penalties' }] },
  {
    key: 'complaints',
    links: [
      { to: '/public/complaints/new', label: 'portal.links.complaintNew' },
      { to: '/public/complaints/track', label: 'portal.links.complaintTrack' },
    ],
  },
  {
    key: 'services',
    links: [
      { to: '/public/equipment', label: 'portal.links.equipment' },
      { to: '/public/enterprise-account/apply', label: 'portal.links.accountApply' },
      { to: '/public/open-data', label: 'portal.links.openData' },
    ],
  },
];

const PAGE_SIZE = 10;
/** The public search answers at most 10 pages. */
const MAX_PAGES = 10;
const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** 企业查询: name fragment or USCC prefix; each hit opens the enterprise's public record. The query and page are in the URL. */
function EnterpriseSearch() {
  const { t } = useTranslation();
  const list = useListState(PAGE_SIZE);
  const q = typeof list.values.q === 'string' ? list.values.q : '';
  const { page } = list;
  const result = useAsync(() => (q ? portalPublicApi.enterprises({ q, page, pageSize: PAGE_SIZE }) : Promise.resolve(null)), `${q}|${page}`);
  const data = result.data;
  return (
    <section aria-labelledby="portal-search">
      <h2 id="portal-search" style={{ fontSize: 17, margin: '0 0 8px' }}>
        {t('portal.home.search')}
      </h2>
      <Stack gap={8}>
        <SearchBox label={t('portal.home.searchLabel')} placeholder={t('portal.home.searchPlaceholder')} value={q} onSearch={(v) => list.setValues({ q: v || undefined })} testId="portal-search" />
        <Intro>{t('portal.home.searchHint')}</Intro>
        {result.error ? <PublicError error={result.error} /> : null}
        {q && result.loading && <Message>{t('portal.loading')}</Message>}
        {data && !result.loading && (
          <div data-testid="portal-search-results">
            {data.items.length === 0 ? (
              <Message>{t('portal.home.noHits')}</Message>
            ) : (
              <ul style={{ ...listStyle, border: '1px solid #d9d9d9', borderRadius: 8 }}>
                {data.items.map((e, i) => (
                  <li key={e.uscc} style={{ padding: '8px 12px', borderTop: i ? '1px solid #f0f0f0' : undefined }}>
                    <Link to={enterpriseRecordPath(e.uscc)} style={{ ...linkStyle, fontWeight: 600 }}>
                      {e.name}
                    </Link>
                    <div style={mutedText}>
                      <span style={{ fontFamily: 'monospace' }}>{e.uscc}</span>
                      {e.regionName ? ` · ${e.regionName}` : ''} · {t(`enterpriseStatus.${e.status}`)}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <Pager page={page} pageSize={PAGE_SIZE} total={data.total} maxPages={MAX_PAGES} onPage={(p) => list.setPage(p)} />
          </div>
        )}
      </Stack>
    </section>
  );
}

/** 通知公告、曝光: the five latest published notices. */
function LatestNotices() {
  const { t } = useTranslation();
  const result = useAsync(() => portalPublicApi.notices({ page: 1, pageSize: 5 }));
  const items = result.data?.items ?? [];
  return (
    <Box title={t('portal.home.notices')} extra={<Link to="/public/notices" style={linkStyle}>{t('portal.more')}</Link>} testId="portal-latest-notices">
      {result.error ? <PublicError error={result.error} /> : null}
      {result.data && items.length === 0 && <Message>{t('portal.notices.empty')}</Message>}
      <ul style={listStyle}>
        {items.map((n) => (
          <li key={n.id} style={{ display: 'flex', gap: 6, alignItems: 'baseline', padding: '6px 0' }}>
            <Badge tone={n.kind === 'exposure' ? 'danger' : 'info'}>{t(`portal.kinds.${n.kind}`)}</Badge>
            <Link to={publicNoticePath(n.id)} style={{ ...linkStyle, flex: 1, minWidth: 0 }}>
              {n.title}
            </Link>
            <span style={{ ...mutedText, fontSize: 12, whiteSpace: 'nowrap' }}>{formatDate(n.publishedAt)}</span>
          </li>
        ))}
      </ul>
    </Box>
  );
}

/** 信息公开 (the portal's home): the enterprise search, the latest notices and the public pages by section. No sign-in; never a credit class. */
export function PortalHomePage() {
  const { t } = useTranslation();
  return (
    <PortalFrame title={t('portal.home.title')} testId="portal-home" extra={<Link to="/login" style={linkStyle}>{t('portal.toLogin')}</Link>}>
      <Stack gap={20}>
        <Intro>{t('portal.home.intro')}</Intro>
        <EnterpriseSearch />
        <LatestNotices />
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))', gap: 12 }}>
          {SECTIONS.map((s) => (
            <Box key={s.key} title={t(`portal.home.${s.key}`)} testId={`portal-section-${s.key}`}>
              <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
                {s.links.map((l) => (
                  <li key={l.to}>
                    <Link to={l.to} style={linkStyle}>
                      {t(l.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </Box>
          ))}
        </div>
      </Stack>
    </PortalFrame>
  );
}
