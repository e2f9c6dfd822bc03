import { Alert, Card, Flex, Grid, List, Segmented, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PublicFrame } from '../../../app/layout/PublicFrame';
import { errorText } from '../../../app/errorText';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { useListState } from '../../../app/list/useListState';
import { drawRecordApi, METHOD_PATH, publicPagePath, shortHex, type DrawState, type PublicDrawRow } from '../draws/drawRecord';
import { DrawStatusTag } from '../labels';
import { thisYear } from '../shared';
import '../draws.pages.i18n';

/** The next year, this year and the four before, newest first. */
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear() + 1 - i);
const STATES: DrawState[] = ['committed', 'revealed', 'cancelled'];
const ALL = 'all';

/** When the draw was frozen, and revealed or cancelled. */
function Times({ draw }: { draw: PublicDrawRow }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.public.${key}`);
  const line = (key: string, at: string | null) =>
    at ? (
      <div key={key} style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text type="secondary">{label(key)} </Typography.Text>
        {formatDateTime(at)}
      </div>
    ) : null;
  return (
    <>
      {line('committedAt', draw.committedAt)}
      {line('revealedAt', draw.revealedAt)}
      {line('cancelledAt', draw.cancelledAt)}
    </>
  );
}

/** The commitment shortened, whole on hover and when copied. */
function Commitment({ value }: { value: string }) {
  return (
    <Tooltip title={<span style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{value}</span>}>
      <Typography.Text code copyable={{ text: value }} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} data-testid="list-commitment">
        {shortHex(value)}
      </Typography.Text>
    </Tooltip>
  );
}

/** One draw as a card (on a phone, where the table's columns do not fit). */
function DrawCard({ draw }: { draw: PublicDrawRow }) {
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="public-draw-card">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Link to={publicPagePath(draw.id)} style={{ fontSize: 15, fontWeight: 500 }}>
            {draw.planName}
          </Link>
          <DrawStatusTag status={draw.status} />
        </Flex>
        <Typography.Text type="secondary">{[draw.bureauName, draw.itemName].filter(Boolean).join(' · ')}</Typography.Text>
        <Times draw={draw} />
        <Commitment value={draw.commitment} />
      </Space>
    </Card>
  );
}

/**
 * 抽取公示: every draw from its commit on — awaiting its reveal, revealed or cancelled — newest
 * first, by state and plan year; the filters and the page are in the URL. No login.
 */
export function PublicDrawListPage() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md !== false;
  const list = useListState(20);
  const status = STATES.find((s) => s === list.values.status);
  const year = typeof list.values.year === 'number' ? list.values.year : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => drawRecordApi.publicList({ status, year, page, pageSize }), `${status}|${year}|${page}|${pageSize}`);
  const label = (key: string) => t(`draws.public.${key}`);
  const filter = (change: { status?: DrawState; year?: number }) => list.setValues({ status, year, ...change });

  const pagination = {
    current: page,
    pageSize,
    total: result.data?.total ?? 0,
    showSizeChanger: true,
    showTotal: (total: number) => t('common.total', { count: total }),
    onChange: (p: number, size: number) => list.setPage(size === pageSize ? p : 1, size),
  };

  const columns: TableColumnsType<PublicDrawRow> = [
    { title: label('planName'), dataIndex: 'planName', render: (v: string, d) => <Link to={publicPagePath(d.id)}>{v}</Link> },
    { title: label('bureau'), dataIndex: 'bureauName', width: 170, render: (v: string | null) => v ?? '—' },
    { title: label('item'), dataIndex: 'itemName', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (v: DrawState) => <DrawStatusTag status={v} /> },
    { title: label('times'), key: 'times', width: 200, render: (_, d) => <Times draw={d} /> },
    {
      title: t('draws.record.commitment'),
      dataIndex: 'commitment',
      width: 190,
      render: (v: string) => <Commitment value={v} />,
    },
  ];

  return (
    <PublicFrame
      width={1100}
      title={label('listTitle')}
      extra={
        <Space size={16} wrap>
          <Link to={METHOD_PATH}>{label('toMethod')}</Link>
          <Link to="/login">{label('toLogin')}</Link>
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {label('listIntro')}
        </Typography.Paragraph>
        <Flex wrap gap={12} align="center">
          <Segmented<string>
            aria-label={t('common.status')}
            value={status ?? ALL}
            onChange={(v) => filter({ status: v === ALL ? undefined : (v as DrawState) })}
            options={[{ value: ALL, label: t('common.all') }, ...STATES.map((s) => ({ value: s, label: t(`draws.status.${s}`) }))]}
          />
          <Select<number>
            allowClear
            aria-label={label('year')}
            placeholder={label('allYears')}
            value={year}
            onChange={(v) => filter({ year: v ?? undefined })}
            options={YEARS.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {result.error ? <Alert type="error" showIcon message={errorText(result.error, t)} /> : null}
        {wide ? (
          <Table<PublicDrawRow>
            data-testid="public-draws"
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={result.data?.items ?? []}
            loading={result.loading}
            locale={{ emptyText: label('empty') }}
            pagination={pagination}
          />
        ) : (
          <List<PublicDrawRow>
            data-testid="public-draws"
            rowKey="id"
            split={false}
            dataSource={result.data?.items ?? []}
            loading={result.loading}
            locale={{ emptyText: label('empty') }}
            pagination={{ ...pagination, size: 'small', align: 'center', showSizeChanger: false }}
            renderItem={(d) => (
              <List.Item style={{ padding: '6px 0' }}>
                <DrawCard draw={d} />
              </List.Item>
            )}
          />
        )}
      </Space>
    </PublicFrame>
  );
}
