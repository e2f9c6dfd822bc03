import { Alert, Card, Col, DatePicker, Empty, Form, Grid, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../app/errorText';
import { ExportButtons } from '../../app/files/ExportButtons';
import { isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRegions } from '../regions';
import './complaintsStats.pages.i18n';
import { EChart, type ChartOption } from '../../app/components/EChart';
import { statsApi, type ComplaintStats, type StatsQuery } from './stats.api';

const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
const BLUE = '#1677ff';
/** Complaint, report, enquiry, suggestion. */
const KIND_COLORS = [BLUE, '#fa8c16', '#13c2c2', '#8c8c8c'];
const RED = '#cf1322';
const GREEN = '#389e0d';

function Kpi({ title, value, detail, color, testId }: { title: string; value: string | number; detail?: string; color?: string; testId?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} />
      {detail && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{detail}</Typography.Text>}
    </Card>
  );
}

function Figures({ stats }: { stats: ComplaintStats }) {
  const { t } = useTranslation();
  const ack = stats.urgent.meanAckMinutes;
  const ackText = ack === null ? '—' : ack >= 120 ? t('complaintsStats.hours', { n: (ack / 60).toFixed(1) }) : t('complaintsStats.minutes', { n: Math.round(ack) });
  return (
    <Row gutter={[16, 16]} data-testid="stats-figures">
      <Col xs={12} md={8} xl={6}>
        <Kpi title={t('complaintsStats.total')} value={stats.total} detail={stats.byKind.map((k) => `${t(`complaintsStats.kind.${k.kind}`, { defaultValue: k.kind })} ${k.count}`).join(' · ')} testId="kpi-total" />
      </Col>
      {stats.onTime.map((c) => (
        <Col xs={12} md={8} xl={6} key={c.kind}>
          <Kpi
            title={`${t('complaintsStats.onTime')} · ${t(`complaintsStats.clock.${c.kind}`, { defaultValue: c.kind })}`}
            value={percent(c.rate)}
            color={c.rate !== null && c.rate < 0.9 ? RED : undefined}
            detail={t('complaintsStats.onTimeDetail', { met: c.metOnTime, missed: c.late, open: c.open })}
            testId={`kpi-ontime-${c.kind}`}
          />
        </Col>
      ))}
      <Col xs={12} md={8} xl={6}>
        <Kpi title={t('complaintsStats.substantiated')} value={percent(stats.substantiated.rate)} detail={t('complaintsStats.substantiatedDetail', { yes: stats.substantiated.substantiated, all: stats.substantiated.decided })} />
      </Col>
      <Col xs={12} md={8} xl={6}>
        <Kpi
          title={t('complaintsStats.satisfaction')}
          value={percent(stats.satisfaction.rate)}
          color={stats.satisfaction.rate !== null ? (stats.satisfaction.rate >= 0.9 ? GREEN : undefined) : undefined}
          detail={t('complaintsStats.satisfactionDetail', { yes: stats.satisfaction.satisfied, all: stats.satisfaction.rated })}
        />
      </Col>
      <Col xs={12} md={8} xl={6}>
        <Kpi title={t('complaintsStats.urgent')} value={stats.urgent.count} color={stats.urgent.count ? RED : undefined} detail={`${t('complaintsStats.meanAck')} ${ackText}`} testId="kpi-urgent" />
      </Col>
    </Row>
  );
}

function bars(rows: { name: string; count: number }[], label: string, horizontal: boolean): ChartOption {
  const names = rows.map((r) => r.name);
  const values = rows.map((r) => r.count);
  const category = { type: 'category' as const, data: horizontal ? [...names].reverse() : names, axisLabel: { interval: 0, hideOverlap: true } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ name: label, type: 'bar', barMaxWidth: 28, data: horizontal ? [...values].reverse() : values, itemStyle: { color: BLUE }, label: { show: true, position: horizontal ? 'right' : 'top' } }],
  };
}

function Charts({ stats }: { stats: ComplaintStats }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const count = t('complaintsStats.count');

  // one bar per month (the answer's `byKind` split of each month is not drawn)
  const byMonth = useMemo<ChartOption>(() => {
    const kinds = ['complaint', 'report', 'enquiry', 'suggestion'] as const;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: stats.byMonth.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: kinds.map((kind, i) => ({
        name: t(`complaintsStats.kind.${kind}`),
        type: 'bar' as const,
        stack: 'kind',
        barMaxWidth: 32,
        itemStyle: { color: KIND_COLORS[i] },
        data: stats.byMonth.map((m) => m.byKind[kind]),
      })),
    };
  }, [stats, t]);

  const byTopic = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '64%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}' },
          data: stats.byTopic.map((c) => ({ name: c.name || t(`complaintsStats.topic.${c.topic}`, { defaultValue: c.topic }), value: c.count })),
        },
      ],
    }),
    [stats, t],
  );

  const sorted = (rows: { name: string; count: number }[]) => [...rows].sort((a, b) => b.count - a.count);
  const byRegion = useMemo(() => bars(sorted(stats.byCounty.map((r) => ({ name: regions.nameOf(r.regionCode) || r.name, count: r.count }))), count, true), [stats, regions, count]);
  const byChannel = useMemo(() => bars(sorted(stats.byChannel.map((r) => ({ name: t(`complaintsStats.channel.${r.channel}`, { defaultValue: r.channel }), count: r.count }))), count, true), [stats, t, count]);

  const empty = <Empty description={t('complaintsStats.noData')} />;
  const barHeight = (n: number) => Math.max(200, 34 * n + 40);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('complaintsStats.byMonth')} data-testid="stats-by-month" style={{ height: '100%' }}>
          {stats.byMonth.length ? <EChart option={byMonth} height={320} label={t('complaintsStats.byMonth')} /> : empty}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('complaintsStats.byTopic')} data-testid="stats-by-topic" style={{ height: '100%' }}>
          {stats.byTopic.some((c) => c.count) ? <EChart option={byTopic} height={320} label={stats.byTopic.map((c) => `${c.name} ${c.count}`).join(', ')} /> : empty}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('complaintsStats.byRegion')} data-testid="stats-by-region" style={{ height: '100%' }}>
          {stats.byCounty.length ? <EChart option={byRegion} height={barHeight(stats.byCounty.length)} label={t('complaintsStats.byRegion')} /> : empty}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('complaintsStats.byChannel')} data-testid="stats-by-channel" style={{ height: '100%' }}>
          {stats.byChannel.length ? <EChart option={byChannel} height={barHeight(stats.byChannel.length)} label={t('complaintsStats.byChannel')} /> : empty}
        </Card>
      </Col>
    </Row>
  );
}

function RepeatSubjects({ stats }: { stats: ComplaintStats }) {
  const { t } = useTranslation();
  const regions = useRegions();
  return (
    <Card title={t('complaintsStats.repeat')} data-testid="stats-repeat">
      <Table
        size="small"
        rowKey="uscc"
        pagination={stats.repeatSubjects.length > 20 ? { pageSize: 20, size: 'small' } : false}
        dataSource={stats.repeatSubjects}
        locale={{ emptyText: t('complaintsStats.repeatNone') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('complaintsStats.enterprise'), render: (_, r) => <Link to={`/enterprises/${encodeURIComponent(r.uscc)}`}>{r.name}</Link> },
          { key: 'uscc', title: t('complaintsStats.uscc'), dataIndex: 'uscc', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { key: 'region', title: t('complaintsStats.region'), render: (_, r) => regions.nameOf(r.regionCode) },
          { key: 'count', title: t('complaintsStats.repeatCount'), dataIndex: 'count', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** 投诉举报统计分析: figures, charts and repeat subjects over a period and a county, with the export. */
export function ComplaintStatsPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const today = todayInChina();
  const from = params.get('from') ?? today.startOf('year').format('YYYY-MM-DD');
  const to = params.get('to') ?? today.format('YYYY-MM-DD');
  const regionCode = params.get('regionCode') ?? undefined;
  const query: StatsQuery = { from, to, regionCode };
  const stats = useAsync(() => statsApi.get(query), `${from}/${to}/${regionCode ?? ''}`);

  const set = (entries: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(entries)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="complaint-stats">
      <Card title={t('complaintsStats.title')}>
        <Form layout={screens.md ? 'inline' : 'vertical'} style={{ rowGap: 12 }}>
          <Form.Item label={t('complaintsStats.period')}>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              disabledDate={isAfterToday}
              onChange={(range) => {
                const [a, b] = (range ?? []) as [Dayjs | null, Dayjs | null];
                if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
              }}
            />
          </Form.Item>
          <Form.Item label={t('complaintsStats.region')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('complaintsStats.allRegions')}
              style={{ width: screens.md ? 240 : '100%' }}
              value={regionCode}
              options={regions.options}
              loading={regions.loading}
              onChange={(v: string | undefined) => set({ regionCode: v })}
            />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <ExportButtons href={(format) => statsApi.exportUrl(format, query)} />
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {stats.error ? (
        <Alert type="error" showIcon message={errorText(stats.error, t)} />
      ) : !stats.data ? (
        <Card loading />
      ) : (
        <>
          <Figures stats={stats.data} />
          <Charts stats={stats.data} />
          <RepeatSubjects stats={stats.data} />
        </>
      )}
    </Space>
  );
}
