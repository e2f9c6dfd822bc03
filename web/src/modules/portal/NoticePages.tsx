import { Descriptions, Empty, List, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { NoticeText } from './NoticeText';
import { NOTICE_KINDS, portalPublicApi, publicNoticePath, type NoticeKind, type PublicNotice } from './portal.api';
import { Intro, PortalFrame, PublicError, useWide } from './PortalFrame';

const isKind = (v: unknown): v is NoticeKind => NOTICE_KINDS.includes(v as NoticeKind);

/** 通知公告: the bureau's published notices, plans, results and exposures, newest first, by kind; the kind and page are in the URL. No sign-in. */
export function PublicNoticesPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const list = useListState(10);
  const kind = isKind(list.values.kind) ? list.values.kind : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => portalPublicApi.notices({ kind, page, pageSize }), `${kind}|${page}|${pageSize}`);
  return (
    <PortalFrame title={t('portal.notices.title')} testId="public-notices" width={880}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Intro>{t('portal.notices.intro')}</Intro>
        <div role="radiogroup" aria-label={t('portal.notices.kind')} data-testid="notice-kinds">
          <Radio.Group
            optionType="button"
            value={kind ?? ''}
            onChange={(e) => list.setValues({ kind: (e.target.value as string) || undefined })}
            options={[{ value: '', label: t('portal.notices.all') }, ...NOTICE_KINDS.map((k) => ({ value: k, label: t(`portal.kinds.${k}`) }))]}
          />
        </div>
        {result.error ? <PublicError error={result.error} /> : null}
        <List<PublicNotice>
          data-testid="public-notice-list"
          rowKey={(n) => n.id}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          locale={{ emptyText: t('portal.notices.empty') }}
          pagination={{ current: page, pageSize, total: result.data?.total ?? 0, size: wide ? 'default' : 'small', align: 'center', showSizeChanger: false, onChange: (p: number) => list.setPage(p) }}
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  <Tag color={n.kind === 'exposure' ? 'red' : 'blue'}>{t(`portal.kinds.${n.kind}`)}</Tag>
                  <Link to={publicNoticePath(n.id)} style={{ fontSize: 15, fontWeight: 600 }}>
                    {n.title}
                  </Link>
                </Space>
                {n.summary && <Typography.Text>{n.summary}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {n.orgName} · {formatDate(n.publishedAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </PortalFrame>
  );
}

/** One published notice: its kind, publisher, date and text in paragraphs (as text, never HTML). A withdrawn one says so. No sign-in. */
export function PublicNoticePage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => portalPublicApi.notice(id), id);
  let body;
  if (error instanceof ApiError && (error.status === 404 || error.status === 410)) body = <Empty data-testid="notice-gone" description={t(error.status === 410 ? 'portal.notices.withdrawn' : 'portal.notices.notFound')} />;
  else if (error) body = <PublicError error={error} />;
  else if (!data || loading) body = <Skeleton active />;
  else
    body = (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'kind', label: t('portal.notices.kind'), children: t(`portal.kinds.${data.kind}`) },
            { key: 'org', label: t('portal.notices.org'), children: data.orgName },
            { key: 'on', label: t('portal.notices.publishedOn'), children: formatDate(data.publishedAt) },
          ]}
        />
        {data.summary && (
          <Typography.Paragraph strong style={{ margin: 0 }}>
            {data.summary}
          </Typography.Paragraph>
        )}
        <NoticeText body={data.body} testId="notice-body" />
      </Space>
    );
  return (
    <PortalFrame title={data?.title ?? t('portal.notices.title')} extra={<Link to="/public/notices">{t('portal.notices.toList')}</Link>} testId="public-notice" width={880}>
      {body}
    </PortalFrame>
  );
}
