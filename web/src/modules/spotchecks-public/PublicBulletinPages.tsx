import { Card, Descriptions, Empty, Flex, Skeleton, Space, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { PublicListAlert } from '../../app/list/publicList';
import { useWide } from '../../app/components/plain';
import { SpotcheckPublicFrame } from './SpotcheckPublicFrame';
import { PublicYearCardsPage } from './PublicYearCardsPage';
import { ResultCard, ResultTable } from './ResultParts';
import { bulletinPagePath, spotchecksPublicApi, type PublicBulletin, type PublicBulletinRow } from './spotchecksPublic.api';

/** A batch pass rate (0–1, or null without batches) as a percentage. */
export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

function Figures({ b }: { b: Pick<PublicBulletinRow, 'batches' | 'passed' | 'passRate' | 'publishedOn'> }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`scPublic.bulletins.${key}`);
  return (
    <Flex wrap gap={16}>
      {(
        [
          ['publishedOn', formatDate(b.publishedOn)],
          ['batches', String(b.batches)],
          ['passed', String(b.passed)],
          ['passRate', percent(b.passRate)],
        ] as const
      ).map(([k, v]) => (
        <span key={k} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text type="secondary">{label(k)} </Typography.Text>
          {v}
        </span>
      ))}
    </Flex>
  );
}

const bulletinPeriod = (b: Pick<PublicBulletinRow, 'year' | 'quarter'>, t: TFunction) => (b.quarter ? `${b.year} ${t('scPublic.bulletins.quarter', { quarter: b.quarter })}` : String(b.year));

/** 质量公告: the published bulletins, newest first, by year. No sign-in. */
export function PublicBulletinListPage() {
  const { t } = useTranslation();
  return (
    <PublicYearCardsPage<PublicBulletinRow>
      part="bulletins"
      testId="public-spotcheck-bulletins"
      width={880}
      yearId="bulletin-year"
      listTestId="public-bulletins"
      load={spotchecksPublicApi.bulletins}
      rowKey={(b) => b.id}
      card={(b) => (
        <Card size="small" style={{ width: '100%' }} data-testid="public-bulletin">
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            <Link to={bulletinPagePath(b.id)} style={{ fontSize: 15, fontWeight: 600 }}>
              {b.title}
            </Link>
            <Typography.Text type="secondary">
              <span style={{ fontFamily: 'monospace' }}>{b.bulletinNo}</span> · {bulletinPeriod(b, t)}
            </Typography.Text>
            <Figures b={b} />
          </Space>
        </Card>
      )}
    />
  );
}

function BulletinBody({ b }: { b: PublicBulletin }) {
  const { t } = useTranslation();
  const wide = useWide();
  const label = (key: string) => t(`scPublic.bulletins.${key}`);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="bulletin-meta"
        items={[
          { key: 'no', label: label('bulletinNo'), children: <span style={{ fontFamily: 'monospace' }}>{b.bulletinNo}</span> },
          { key: 'period', label: t('scPublic.year'), children: bulletinPeriod(b, t) },
          { key: 'on', label: label('publishedOn'), children: formatDate(b.publishedOn) },
          { key: 'batches', label: label('batches'), children: b.batches },
          { key: 'passed', label: label('passed'), children: b.passed },
          { key: 'rate', label: label('passRate'), children: percent(b.passRate) },
        ]}
      />
      <section aria-labelledby="bulletin-summary">
        <Typography.Title level={2} id="bulletin-summary" style={{ fontSize: 16 }}>
          {label('summary')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="productCode"
          dataSource={b.summary}
          pagination={false}
          scroll={{ x: 480 }}
          columns={[
            { key: 'product', title: t('scPublic.results.product'), render: (_, r) => `${r.productName}（${r.productCode}）` },
            { key: 'batches', title: label('batches'), dataIndex: 'batches', align: 'right' },
            { key: 'passed', title: label('passed'), dataIndex: 'passed', align: 'right' },
            { key: 'failed', title: label('failed'), dataIndex: 'failed', align: 'right' },
            { key: 'rate', title: label('passRate'), align: 'right', render: (_, r) => percent(r.passRate) },
          ]}
        />
      </section>
      <section aria-labelledby="bulletin-items">
        <Typography.Title level={2} id="bulletin-items" style={{ fontSize: 16 }}>
          {label('items')}
        </Typography.Title>
        {wide ? (
          <ResultTable items={b.items} showBulletin={false} />
        ) : (
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            {b.items.map((r) => (
              <ResultCard key={r.sampleNo} item={r} showBulletin={false} />
            ))}
          </Space>
        )}
      </section>
    </Space>
  );
}

/** One published bulletin: its figures, the summary by product and every result. No sign-in. */
export function PublicBulletinPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => spotchecksPublicApi.bulletin(id), id);
  let body;
  if (error instanceof ApiError && error.status === 404) body = <Empty description={t('scPublic.notFound')} />;
  else if (error) body = <PublicListAlert error={error} rateLimited={t('scPublic.rateLimited')} />;
  else if (!data || loading) body = <Skeleton active />;
  else body = <BulletinBody b={data} />;
  return (
    <SpotcheckPublicFrame title={data?.title ?? t('scPublic.bulletins.title')} extra={<Link to="/public/spotcheck-bulletins">{t('scPublic.bulletins.toList')}</Link>} testId="public-spotcheck-bulletin">
      {body}
    </SpotcheckPublicFrame>
  );
}
