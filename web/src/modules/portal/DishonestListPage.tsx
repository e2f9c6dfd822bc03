import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { enterpriseRecordPath, portalPublicApi, type DishonestRow } from './portal.api';
import { PortalFrame } from './PortalFrame';
import { Box, Facts, linkStyle, Message, mutedText, Pager, PlainTable, SearchBox, useWide, Intro, PublicError, Stack } from './ui';

const keyOf = (r: DishonestRow) => `${r.uscc}|${r.listedOn}`;

/** One listed enterprise on a phone: name (linking to its public record), code, reason, basis, period. */
function DishonestCard({ r }: { r: DishonestRow }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`portal.dishonest.${key}`);
  return (
    <li data-testid="dishonest-row" style={{ marginBottom: 8 }}>
      <Box>
        <Link to={enterpriseRecordPath(r.uscc)} style={{ ...linkStyle, fontSize: 15, fontWeight: 600 }}>
          {r.name}
        </Link>
        <div style={{ ...mutedText, fontFamily: 'monospace', margin: '2px 0 6px' }}>{r.uscc}</div>
        <Facts
          items={[
            { key: 'reason', label: label('reason'), value: r.reason },
            { key: 'basis', label: label('legalBasis'), value: r.legalBasis },
            { key: 'period', label: label('period'), value: `${formatDate(r.listedOn)} — ${formatDate(r.until)}` },
          ]}
        />
      </Box>
    </li>
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
  const items = result.data?.items ?? [];
  return (
    <PortalFrame title={label('title')} testId="public-dishonest-list">
      <Stack>
        <Intro>{label('intro')}</Intro>
        <SearchBox label={label('searchLabel')} placeholder={label('searchPlaceholder')} value={q ?? ''} onSearch={(v) => list.setValues({ q: v || undefined })} testId="dishonest-search" />
        {result.error ? <PublicError error={result.error} /> : null}
        {result.loading && <Message>{t('portal.loading')}</Message>}
        {result.data && !result.loading && items.length === 0 && <Message>{label('empty')}</Message>}
        {!result.loading && items.length > 0 && (
          <div>
            <div style={{ ...mutedText, marginBottom: 8 }}>{t('portal.total', { count: result.data?.total ?? 0 })}</div>
            {wide ? (
              <PlainTable<DishonestRow>
                testId="dishonest-table"
                rows={items}
                rowKey={keyOf}
                columns={[
                  { key: 'name', title: label('name'), render: (r) => <Link to={enterpriseRecordPath(r.uscc)} style={linkStyle}>{r.name}</Link> },
                  { key: 'uscc', title: label('uscc'), render: (r) => <span style={{ fontFamily: 'monospace' }}>{r.uscc}</span>, width: 190 },
                  { key: 'reason', title: label('reason'), render: (r) => r.reason },
                  { key: 'basis', title: label('legalBasis'), render: (r) => r.legalBasis },
                  { key: 'listedOn', title: label('listedOn'), render: (r) => formatDate(r.listedOn), width: 100 },
                  { key: 'until', title: label('until'), render: (r) => formatDate(r.until), width: 100 },
                ]}
              />
            ) : (
              <ul data-testid="dishonest-cards" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {items.map((r) => (
                  <DishonestCard key={keyOf(r)} r={r} />
                ))}
              </ul>
            )}
          </div>
        )}
        {result.data && <Pager page={page} pageSize={pageSize} total={result.data.total} onPage={(p) => list.setPage(p)} />}
      </Stack>
    </PortalFrame>
  );
}
