import { Alert, Card, Col, Empty, Form, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../../app/errorText';
import { todayInChina } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { useRegions } from '../../regions';
import '../equipment.pages.i18n';
import { equipmentApi, type Overview, type SelfCorrection } from '../equipment.api';
import { useEquipmentCategories } from '../useEquipmentCategories';
import { EChart, type ChartOption } from '../../../app/components/EChart';

/** A ratio as a percentage with one decimal ("—" when there is nothing to divide). */
const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

const RED = '#cf1322';
const GREEN = '#389e0d';
const BLUE = '#1677ff';

/** A record's entries by key (catalogue and region codes sort as the catalogue and the divisions do). */
const entriesOf = (record: Record<string, number>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

/** A horizontal bar chart of counts (all units, and the overdue among them when known). */
function countBars(rows: { name: string; count: number; overdue?: number }[], labels: { count: string; overdue: string }): ChartOption {
  const withOverdue = rows.some((r) => r.overdue !== undefined);
  const names = rows.map((r) => r.name).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: withOverdue ? { top: 0 } : undefined,
    grid: { left: 8, right: 24, top: withOverdue ? 32 : 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names },
    series: [
      { name: labels.count, type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.count).reverse(), itemStyle: { color: BLUE } },
      ...(withOverdue ? [{ name: labels.overdue, type: 'bar' as const, barMaxWidth: 28, data: rows.map((r) => r.overdue ?? 0).reverse(), itemStyle: { color: RED } }] : []),
    ],
  };
}

function SelfCorrectionCard({ figure, error }: { figure: SelfCorrection | undefined; error: unknown }) {
  const { t } = useTranslation();
  const target = figure?.target ?? 0.9;
  const rate = figure?.rate ?? null;
  const option = useMemo<ChartOption>(
    () => ({
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          radius: '95%',
          progress: { show: true, width: 14, itemStyle: { color: rate !== null && rate >= target ? GREEN : RED } },
          axisLine: {
            lineStyle: {
              width: 14,
              color: [
                [target, '#ffd8d8'],
                [1, '#d9f7be'],
              ],
            },
          },
          pointer: { show: false },
          splitLine: { length: 8, distance: 2 },
          axisTick: { show: false },
          axisLabel: { distance: 18, fontSize: 10 },
          detail: { valueAnimation: false, formatter: () => percent(rate), fontSize: 22, offsetCenter: [0, '10%'] },
          title: { show: true, offsetCenter: [0, '45%'], fontSize: 12 },
          data: [{ value: rate === null ? 0 : Math.round(rate * 1000) / 10, name: t('equipment.dashboard.target', { target: percent(target) }) }],
        },
      ],
    }),
    [rate, target, t],
  );
  return (
    <Card title={t('equipment.dashboard.selfCorrection')} data-testid="dash-self-correction" style={{ height: '100%' }}>
      {error ? (
        <Alert type="error" showIcon message={errorText(error, t)} />
      ) : (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <EChart option={option} height={220} label={`${t('equipment.dashboard.selfCorrection')} ${percent(rate)}`} />
          {figure && figure.due === 0 ? (
            <Typography.Text type="secondary">{t('equipment.dashboard.noneDue')}</Typography.Text>
          ) : (
            figure && (
              <Space wrap>
                <Tag color={rate !== null && rate >= target ? 'green' : 'red'}>
                  {rate !== null && rate >= target ? t('equipment.dashboard.meetsTarget') : t('equipment.dashboard.belowTarget')}
                </Tag>
                <Typography.Text type="secondary">
                  {t('equipment.dashboard.selfCorrectionDetail', { due: figure.due, corrected: figure.correctedOnTime, found: figure.found })}
                </Typography.Text>
              </Space>
            )
          )}
        </Space>
      )}
    </Card>
  );
}

function Figures({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const total = overview.units.total;
  return (
    <Row gutter={[16, 16]} data-testid="dash-figures">
      <Col xs={12} md={8} xl={4}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('equipment.dashboard.total')} value={total} suffix={t('equipment.dashboard.units')} />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={5}>
        <Card size="small" style={{ height: '100%' }}>
          <Link to="/equipment?overdue=!true">
            <Statistic title={t('equipment.dashboard.overdue')} value={overview.overdue} suffix={t('equipment.dashboard.units')} valueStyle={{ color: overview.overdue ? RED : undefined }} />
          </Link>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={5}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('equipment.dashboard.failedInUse')} value={overview.failedInUse} suffix={t('equipment.dashboard.units')} valueStyle={{ color: overview.failedInUse ? RED : undefined }} />
        </Card>
      </Col>
      <Col xs={12} md={12} xl={5}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('equipment.dashboard.onTimeRate')} value={percent(overview.inspections.onTimeRate)} />
          <Typography.Text type="secondary">{t('equipment.dashboard.onTimeDetail', { onTime: overview.inspections.onTime, total: overview.inspections.total })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={5}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('equipment.dashboard.certifiedRate')} value={percent(overview.certifiedOperatorRate)} />
        </Card>
      </Col>
    </Row>
  );
}

function Charts({ overview, selfCorrection }: { overview: Overview; selfCorrection: ReactNode }) {
  const { t } = useTranslation();
  const categories = useEquipmentCategories();
  const regions = useRegions();
  const labels = { count: t('equipment.dashboard.inUse'), overdue: t('equipment.dashboard.overdue') };

  const byCategory = useMemo(
    () => countBars(entriesOf(overview.units.byCategory).map(([code, count]) => ({ name: categories.nameOf(code), count })), labels),
    // labels follow t
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [overview, categories, t],
  );
  const byRegion = useMemo(
    () => countBars(entriesOf(overview.units.byRegion).map(([code, count]) => ({ name: regions.nameOf(code), count })), labels),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [overview, regions, t],
  );
  const hazards = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          label: { formatter: '{b}\n{c}' },
          data: [
            { name: t('equipment.dashboard.hazardsOpen'), value: overview.hazards.open, itemStyle: { color: RED } },
            { name: t('equipment.dashboard.hazardsClosed'), value: overview.hazards.closed, itemStyle: { color: GREEN } },
          ],
        },
      ],
    }),
    [overview, t],
  );
  const categoryCount = Object.keys(overview.units.byCategory).length;
  const regionCount = Object.keys(overview.units.byRegion).length;
  const empty = <Empty description={t('equipment.dashboard.noData')} />;
  const barHeight = (n: number) => Math.max(220, 36 * n + 60);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('equipment.dashboard.byCategory')} data-testid="dash-by-category" style={{ height: '100%' }}>
          {categoryCount ? <EChart option={byCategory} height={barHeight(categoryCount)} label={t('equipment.dashboard.byCategory')} /> : empty}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('equipment.dashboard.byRegion')} data-testid="dash-by-region" style={{ height: '100%' }}>
          {regionCount ? <EChart option={byRegion} height={barHeight(regionCount)} label={t('equipment.dashboard.byRegion')} /> : empty}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('equipment.dashboard.hazards')} data-testid="dash-hazards" style={{ height: '100%' }}>
          {overview.hazards.open + overview.hazards.closed ? (
            <EChart
              option={hazards}
              height={260}
              label={`${t('equipment.dashboard.hazardsOpen')} ${overview.hazards.open}, ${t('equipment.dashboard.hazardsClosed')} ${overview.hazards.closed}`}
            />
          ) : (
            empty
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        {selfCorrection}
      </Col>
    </Row>
  );
}

/** 特种设备统计分析: the registry's and inspections' figures with charts, and the self-correction rate against its 90 % target. */
export function EquipmentDashboardPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? undefined;
  const thisYear = todayInChina().year();
  const year = Number(params.get('year')) || thisYear;
  const overview = useAsync(() => equipmentApi.overview({ regionCode, year }), `${regionCode ?? ''}/${year}`);
  const selfCorrection = useAsync(() => equipmentApi.selfCorrection({ regionCode, year }), `${regionCode ?? ''}/${year}`);

  const set = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const years = Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('equipment.dashboard.title')}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('equipment.dashboard.region')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 240 }}
              value={regionCode}
              options={regions.options}
              loading={regions.loading}
              onChange={(v: string | undefined) => set('regionCode', v)}
            />
          </Form.Item>
          <Form.Item label={t('equipment.dashboard.year')}>
            <Select style={{ width: 110 }} value={year} options={years} onChange={(v: number) => set('year', v === thisYear ? undefined : String(v))} />
          </Form.Item>
        </Form>
      </Card>
      {overview.error ? (
        <Alert type="error" showIcon message={errorText(overview.error, t)} />
      ) : !overview.data ? (
        <Card loading />
      ) : (
        <>
          <Figures overview={overview.data} />
          <Charts overview={overview.data} selfCorrection={<SelfCorrectionCard figure={selfCorrection.data} error={selfCorrection.error} />} />
        </>
      )}
    </Space>
  );
}
