import { Alert, Card, Col, Empty, InputNumber, Result, Row, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../app/components/EChart';
import { errorText } from '../../app/errorText';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRegions } from '../regions';
import { percent } from './labels';
import { samplesApi, type Stats } from './spotcheckSamples.api';
import './spotcheckSamples.pages.i18n';

const BLUE = '#1677ff';
const RED = '#cf1322';
interface Rate {
  name: string;
  batches: number;
  passed: number;
}

/** Rows summed over the years of the range, by a key. */
function sum<T extends { batches: number; passed: number }>(rows: T[], key: (r: T) => string, name: (r: T) => string): Rate[] {
  const m = new Map<string, Rate>();
  for (const r of rows) {
    const k = key(r);
    const x = m.get(k) ?? { name: name(r), batches: 0, passed: 0 };
    x.batches += r.batches;
    x.passed += r.passed;
    m.set(k, x);
  }
  return [...m.values()];
}
const rateOf = (r: Rate) => (r.batches ? r.passed / r.batches : null);

/** Pass rates as bars (percent), with the batch counts in the tooltip; lowest first when `sorted`. */
function rateBars(rows: Rate[], label: string, horizontal: boolean): ChartOption {
  const names = rows.map((r) => r.name);
  const values = rows.map((r) => {
    const rate = rateOf(r);
    // a year or county without batches has no rate: no bar (ECharts' '-'), not 0 %
    return { value: rate === null ? '-' : Math.round(rate * 1000) / 10, itemStyle: { color: rate !== null && rate < 0.9 ? RED : BLUE } };
  });
  const category = { type: 'category' as const, data: horizontal ? [...names].reverse() : names, axisLabel: { interval: 0, hideOverlap: true } };
  const value = { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ name: label, type: 'bar', barMaxWidth: 28, data: horizontal ? [...values].reverse() : values, label: { show: true, position: horizontal ? 'right' : 'top', formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? `${p.value}%` : '') } }],
  };
}

function Charts({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const rate = t('spotcheckSamples.passRate');
  const byYear = useMemo(() => rateBars(stats.byYear.map((y) => ({ name: String(y.year), batches: y.batches, passed: y.passed })), rate, false), [stats, rate]);
  const products = useMemo(() => sum(stats.byProduct, (r) => r.productCode, (r) => `${r.productName}`).sort((a, b) => (rateOf(a) ?? 1) - (rateOf(b) ?? 1)), [stats]);
  const byProduct = useMemo(() => rateBars(products, rate, true), [products, rate]);
  const categories = useMemo(() => sum(stats.byCategory, (r) => r.category, (r) => t(`spotcheckSamples.categories.${r.category}`)).sort((a, b) => (rateOf(a) ?? 1) - (rateOf(b) ?? 1)), [stats, t]);
  const byCategory = useMemo(() => rateBars(categories, rate, true), [categories, rate]);
  const counties = useMemo(() => sum(stats.byRegion, (r) => r.regionCode, (r) => regions.nameOf(r.regionCode) || r.regionName).sort((a, b) => (rateOf(a) ?? 1) - (rateOf(b) ?? 1)), [stats, regions]);
  const byRegion = useMemo(() => rateBars(counties, rate, true), [counties, rate]);
  const empty = <Empty description={t('spotcheckSamples.noData')} />;
  const h = (n: number) => Math.max(200, 30 * n + 40);
  const text = (rows: Rate[]) => rows.map((r) => `${r.name} ${percent(rateOf(r))}（${r.passed}/${r.batches}）`).join('，');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('spotcheckSamples.byYear')} data-testid="stats-by-year" style={{ height: '100%' }}>
          {stats.byYear.length ? <EChart option={byYear} height={300} label={text(stats.byYear.map((y) => ({ name: String(y.year), batches: y.batches, passed: y.passed })))} /> : empty}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('spotcheckSamples.byCategory')} data-testid="stats-by-category" style={{ height: '100%' }}>
          {categories.length ? <EChart option={byCategory} height={h(categories.length)} label={text(categories)} /> : empty}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('spotcheckSamples.byProduct')} data-testid="stats-by-product" style={{ height: '100%' }}>
          {products.length ? <EChart option={byProduct} height={h(products.length)} label={text(products)} /> : empty}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('spotcheckSamples.byRegion')} data-testid="stats-by-region" style={{ height: '100%' }}>
          {counties.length ? <EChart option={byRegion} height={h(counties.length)} label={text(counties)} /> : empty}
        </Card>
      </Col>
    </Row>
  );
}

/** 抽查统计: pass rates by year, product, category and county over a range of years. */
export function StatsPage() {
  const { t } = useTranslation();
  const year = todayInChina().year();
  const [range, setRange] = useState<[number, number]>([year - 4, year]);
  const stats = useAsync(() => samplesApi.stats(range[0], range[1]), range.join('-'));
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const total = stats.data?.byYear.reduce((a, y) => ({ batches: a.batches + y.batches, passed: a.passed + y.passed }), { batches: 0, passed: 0 });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {label('statsTitle')}
          </Typography.Title>
          <InputNumber addonBefore={label('fromYear')} min={2000} max={range[1]} precision={0} value={range[0]} onChange={(v) => v && setRange([v, range[1]])} style={{ width: 150 }} />
          <InputNumber addonBefore={label('toYear')} min={range[0]} max={2100} precision={0} value={range[1]} onChange={(v) => v && setRange([range[0], v])} style={{ width: 150 }} />
        </Space>
      </Card>
      {stats.error ? (
        <Result status="error" title={errorText(stats.error, t)} />
      ) : (
        <>
          {stats.data?.includesHistory && <Alert type="info" showIcon message={label('includesHistory')} />}
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small" loading={stats.loading}>
                <Statistic title={label('batches')} value={total?.batches ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={stats.loading}>
                <Statistic title={label('passed')} value={total?.passed ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={stats.loading} data-testid="kpi-pass-rate">
                <Statistic title={label('passRate')} value={total && total.batches ? percent(total.passed / total.batches) : '—'} />
              </Card>
            </Col>
          </Row>
          {stats.data ? <Charts stats={stats.data} /> : <Card loading />}
        </>
      )}
    </Space>
  );
}
