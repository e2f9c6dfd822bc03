import { Card, Col, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { enterpriseRecordPath, portalPublicApi, publicNoticePath, type EnterpriseHit } from './portal.api';
import { Intro, PortalFrame, PublicError, useWide } from './PortalFrame';

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
      <Typography.Title level={2} id="portal-search" style={{ fontSize: 17 }}>
        {t('portal.home.search')}
      </Typography.Title>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <div role="search" aria-label={t('portal.home.search')}>
          <Input.Search
            key={q}
            aria-label={t('portal.home.searchLabel')}
            placeholder={t('portal.home.searchPlaceholder')}
            enterButton={t('portal.search')}
            defaultValue={q}
            maxLength={100}
            allowClear
            size="large"
            loading={result.loading && !!q}
            onSearch={(v) => list.setValues({ q: v.trim() || undefined })}
            data-testid="portal-search"
          />
        </div>
        <Intro>{t('portal.home.searchHint')}</Intro>
        {result.error ? <PublicError error={result.error} /> : null}
        {data && (
          <List<EnterpriseHit>
            data-testid="portal-search-results"
            bordered
            size="small"
            dataSource={data.items}
            rowKey={(e) => e.uscc}
            locale={{ emptyText: t('portal.home.noHits') }}
            pagination={data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: Math.min(data.total, PAGE_SIZE * 10), size: 'small', align: 'center', showSizeChanger: false, onChange: (p: number) => list.setPage(p) } : false}
            renderItem={(e) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Link to={enterpriseRecordPath(e.uscc)} style={{ fontWeight: 600 }}>
                    {e.name}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    <span style={{ fontFamily: 'monospace' }}>{e.uscc}</span>
                    {e.regionName ? ` · ${e.regionName}` : ''} · {t(`enterpriseStatus.${e.status}`)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </section>
  );
}

/** 通知公告、曝光: the five latest published notices. */
function LatestNotices() {
  const { t } = useTranslation();
  const result = useAsync(() => portalPublicApi.notices({ page: 1, pageSize: 5 }));
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('portal.home.notices')}</h2>} extra={<Link to="/public/notices">{t('portal.more')}</Link>} data-testid="portal-latest-notices">
      {result.error ? <PublicError error={result.error} /> : null}
      <List
        size="small"
        split={false}
        loading={result.loading}
        dataSource={result.data?.items ?? []}
        rowKey={(n) => n.id}
        locale={{ emptyText: t('portal.notices.empty') }}
        renderItem={(n) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space size={6} align="start">
              <Tag color={n.kind === 'exposure' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                {t(`portal.kinds.${n.kind}`)}
              </Tag>
              <Link to={publicNoticePath(n.id)}>{n.title}</Link>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                {formatDate(n.publishedAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 信息公开 (the portal's home): the enterprise search, the latest notices and the public pages by section. No sign-in; never a credit class. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const wide = useWide();
  return (
    <PortalFrame title={t('portal.home.title')} testId="portal-home" extra={<Link to="/login">{t('portal.toLogin')}</Link>}>
      <Space direction="vertical" size={20} style={{ width: '100%' }}>
        <Intro>{t('portal.home.intro')}</Intro>
        <EnterpriseSearch />
        <LatestNotices />
        <Row gutter={[12, 12]}>
          {SECTIONS.map((s) => (
            <Col key={s.key} xs={24} md={12}>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`portal.home.${s.key}`)}</h2>} style={{ height: wide ? '100%' : undefined }} data-testid={`portal-section-${s.key}`}>
                <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
                  {s.links.map((l) => (
                    <li key={l.to}>
                      <Link to={l.to}>{t(l.label)}</Link>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
          ))}
        </Row>
      </Space>
    </PortalFrame>
  );
}
