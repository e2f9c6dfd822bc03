import { Card, Input, List, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { enterpriseRecordPath, portalPublicApi, type DishonestRow } from './portal.api';
import { Intro, PortalFrame, PublicError, useWide } from './PortalFrame';

/** One listed enterprise on a phone: name (linking to its public record), code, reason, basis, period. */
function DishonestCard({ r }: { r: DishonestRow }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`portal.dishonest.${key}`);
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="dishonest-row">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Link to={enterpriseRecordPath(r.uscc)} style={{ fontSize: 15, fontWeight: 600 }}>
          {r.name}
        </Link>
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
          {r.uscc}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary">{label('reason')}：</Typography.Text>
          {r.reason}
        </div>
        <div>
          <Typography.Text type="secondary">{label('legalBasis')}：</Typography.Text>
          {r.legalBasis}
        </div>
        <div>
          <Typography.Text type="secondary">{label('period')}：</Typography.Text>
          {formatDate(r.listedOn)} — {formatDate(r.until)}
        </div>
      </Space>
    </Card>
  );
}

/** 严重违法失信名单: the enterprises in their listing period, newest listing first; search by name or USCC; the search and page are in the URL. No sign-in. */
export function DishonestListPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const list = useListState(wide ? 20 : 10);
  const q = typeof list.values.q === 'string' ? list.values.q : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => portalPublicApi.dishonest({ q, page, pageSize }), `${q}|${page}|${pageSize}`);
  const label = (key: string) => t(`portal.dishonest.${key}`);
  const pagination = {
    current: page,
    pageSize,
    total: result.data?.total ?? 0,
    size: wide ? ('default' as const) : ('small' as const),
    align: 'center' as const,
    showSizeChanger: false,
    showTotal: wide ? (total: number) => t('common.total', { count: total }) : undefined,
    onChange: (p: number) => list.setPage(p),
  };
  const items = result.data?.items ?? [];
  return (
    <PortalFrame title={label('title')} testId="public-dishonest-list">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Intro>{label('intro')}</Intro>
        <div role="search" aria-label={label('title')}>
          <Input.Search
            key={q}
            aria-label={label('searchLabel')}
            placeholder={label('searchPlaceholder')}
            enterButton={t('portal.search')}
            defaultValue={q}
            maxLength={100}
            allowClear
            onSearch={(v) => list.setValues({ q: v.trim() || undefined })}
            data-testid="dishonest-search"
          />
        </div>
        {result.error ? <PublicError error={result.error} /> : null}
        {wide ? (
          <Table<DishonestRow>
            data-testid="dishonest-table"
            size="small"
            rowKey={(r) => `${r.uscc}|${r.listedOn}`}
            dataSource={items}
            loading={result.loading}
            pagination={pagination}
            locale={{ emptyText: label('empty') }}
            columns={[
              { key: 'name', title: label('name'), render: (_, r) => <Link to={enterpriseRecordPath(r.uscc)}>{r.name}</Link> },
              { key: 'uscc', title: label('uscc'), dataIndex: 'uscc', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
              { key: 'reason', title: label('reason'), dataIndex: 'reason' },
              { key: 'basis', title: label('legalBasis'), dataIndex: 'legalBasis' },
              { key: 'listedOn', title: label('listedOn'), dataIndex: 'listedOn', render: (v: string) => formatDate(v), width: 110 },
              { key: 'until', title: label('until'), dataIndex: 'until', render: (v: string) => formatDate(v), width: 110 },
            ]}
          />
        ) : (
          <List<DishonestRow>
            data-testid="dishonest-cards"
            rowKey={(r) => `${r.uscc}|${r.listedOn}`}
            split={false}
            dataSource={items}
            loading={result.loading}
            locale={{ emptyText: label('empty') }}
            pagination={pagination}
            renderItem={(r) => (
              <List.Item style={{ padding: '6px 0' }}>
                <DishonestCard r={r} />
              </List.Item>
            )}
          />
        )}
      </Space>
    </PortalFrame>
  );
}
