import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../app/components/EChart';
import { errorText } from '../../app/errorText';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRegions } from '../regions';
import { caseAdminApi, type TransferStats } from './caseAdmin.api';
import './caseAdmin.pages.i18n';

const COLORS = { accepted: '#389e0d', notAccepted: '#cf1322', pending: '#8c8c8c' } as const;
const YEARS = Array.from({ length: 5 }, (_, i) => todayInChina().year() - i);

type OrganRow = TransferStats['byOrgan'][number];
type RegionRow = TransferStats['byRegion'][number];
const organOf = (r: OrganRow) => r.receivingOrgan;

/** 移送统计: transfers to the police of a year (and region): totals, by receiving organ (chart and table) and by region. */
export function TransferStatsPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [year, setYear] = useState<number | undefined>(todayInChina().year());
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const { data, error, loading } = useAsync(() => caseAdminApi.transferStats({ year, regionCode }), `${year}|${regionCode}`);
  const label = (key: string) => t(`caseAdmin.transfers.${key}`);
  const counties = regions.regions.filter((r) => r.level <= Math.min(...regions.regions.map((x) => x.level)) + 1).map((r) => ({ value: r.code, label: r.name }));

  const option = useMemo<ChartOption | null>(() => {
    const rows = data?.byOrgan ?? [];
    if (!rows.length) return null;
    const series = (['accepted', 'notAccepted', 'pending'] as const).map((k) => ({ type: 'bar' as const, stack: 'all', barMaxWidth: 48, name: label(k), data: rows.map((r) => r[k]), itemStyle: { color: COLORS[k] } }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: rows.map(organOf), axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    } as ChartOption;
    // label depends on t only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, t]);

  const count = (k: 'total' | 'accepted' | 'notAccepted' | 'pending') => ({ title: label(k), dataIndex: k, className: 'zj-nowrap', render: (v: number) => v });
  const organColumns: TableColumnsType<OrganRow> = [{ title: label('organ'), key: 'organ', render: (_: unknown, r) => organOf(r) }, count('total'), count('accepted'), count('notAccepted'), count('pending')];
  const regionColumns: TableColumnsType<RegionRow> = [{ title: label('region'), dataIndex: 'regionCode', render: (v: string, r) => r.regionName ?? regions.nameOf(v) }, count('total'), count('accepted'), count('notAccepted'), count('pending')];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={label('title')}
        extra={
          <Space wrap>
            <Select<number> aria-label={label('year')} allowClear placeholder={label('year')} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 110 }} />
            <Select<string> aria-label={label('region')} allowClear placeholder={label('allRegions')} value={regionCode} onChange={setRegionCode} options={counties} loading={regions.loading} style={{ width: 160 }} />
          </Space>
        }
        loading={loading && !data}
      >
        {error ? (
          <Alert type="error" showIcon message={errorText(error, t)} />
        ) : (
          <Row gutter={[16, 16]} data-testid="transfer-totals">
            {(['total', 'accepted', 'notAccepted', 'pending'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Statistic title={label(k)} value={data?.[k] ?? 0} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card title={label('byOrgan')}>
        {option ? <EChart option={option} height={300} label={label('chartLabel')} testId="transfer-chart" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('empty')} />}
        {data && data.byOrgan.length > 0 && <Table<OrganRow> style={{ marginTop: 16 }} size="small" rowKey={organOf} columns={organColumns} dataSource={data.byOrgan} pagination={false} scroll={{ x: 'max-content' }} />}
      </Card>
      <Card title={label('byRegion')}>
        <Table<RegionRow> size="small" rowKey="regionCode" columns={regionColumns} dataSource={data?.byRegion ?? []} loading={loading} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: label('empty') }} />
      </Card>
    </Space>
  );
}
