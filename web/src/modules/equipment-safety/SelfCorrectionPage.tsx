import { Card, Col, Input, InputNumber, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRegions } from '../regions';
import { eqApi, type SelfCorrectionOfCounty } from './equipmentSafety.api';
import { RateFigure } from './labels';
import './equipmentSafety.pages.i18n';

type Figures = Pick<SelfCorrectionOfCounty, 'found' | 'due' | 'correctedOnTime' | 'rate' | 'target'>;
type Row = SelfCorrectionOfCounty & { code: string; name: string };

function Figure({ figure, testId }: { figure: Figures; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      <Col xs={12} md={6}><Statistic title={t('eqs.scFound')} value={figure.found} /></Col>
      <Col xs={12} md={6}><Statistic title={t('eqs.scDue')} value={figure.due} /></Col>
      <Col xs={12} md={6}><Statistic title={t('eqs.scOnTime')} value={figure.correctedOnTime} /></Col>
      <Col xs={24} md={6}>
        <Typography.Text type="secondary">{t('eqs.scRate')}</Typography.Text>
        <div><RateFigure rate={figure.rate} target={figure.target} testId="sc-rate" /></div>
      </Col>
    </Row>
  );
}

/**
 * 自查自纠率: hazards found by self-inspection and corrected by their deadline ÷ those whose deadline
 * has passed, for the year they were found, against the seed's ≥ 90 % target — for the chosen
 * region, each region under it (city → counties) and one enterprise.
 */
export function SelfCorrectionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const regions = useRegions();
  const year = Number(params.get('year')) || todayInChina().year();
  const regionCode = params.get('regionCode') ?? '';
  const uscc = params.get('uscc') ?? '';
  const set = (key: string, value: string) =>
    setParams(
      (cur) => {
        const next = new URLSearchParams(cur);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const overall = useAsync(() => eqApi.selfCorrection({ year, ...(regionCode ? { regionCode } : {}) }), `${year}|${regionCode}`);
  const counties = useAsync(() => eqApi.selfCorrectionByCounty({ year, ...(regionCode ? { regionCode } : {}) }), `${year}|${regionCode}`);
  const rows: Row[] = (counties.data?.items ?? []).map((r) => ({ ...r, code: r.regionCode, name: regions.nameOf(r.regionCode) }));
  const enterprise = useAsync(async () => (uscc ? eqApi.selfCorrection({ year, userUscc: uscc }) : null), `${year}|${uscc}`);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="self-correction">
      <Card
        title={t('eqs.menuSelfCorrection')}
        extra={
          <Space wrap>
            <InputNumber aria-label={t('eqs.year')} addonBefore={t('eqs.year')} min={2000} max={2100} value={year} onChange={(v) => set('year', v ? String(v) : '')} style={{ width: 150 }} />
            <Select allowClear showSearch optionFilterProp="label" placeholder={t('eqs.region')} options={regions.options} value={regionCode || undefined} onChange={(v?: string) => set('regionCode', v ?? '')} style={{ width: 220 }} />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('eqs.scExplain')}</Typography.Paragraph>
        {overall.data && <Figure figure={overall.data} testId="sc-overall" />}
      </Card>
      {rows.length > 0 && (
        <Card title={t('eqs.scByCounty')} size="small">
          <Table<Row>
            size="small"
            rowKey="code"
            loading={counties.loading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
                        columns={[
              { title: t('eqs.region'), dataIndex: 'name' },
              { title: t('eqs.scFound'), dataIndex: 'found' },
              { title: t('eqs.scDue'), dataIndex: 'due' },
              { title: t('eqs.scOnTime'), dataIndex: 'correctedOnTime' },
              { title: t('eqs.scRate'), key: 'rate', render: (_, r) => <RateFigure rate={r.rate} target={r.target} /> },
            ]}
          />
        </Card>
      )}
      <Card title={t('eqs.scByEnterprise')} size="small">
        <Input.Search defaultValue={uscc} placeholder={t('eqs.userUscc')} enterButton={t('common.search')} maxLength={18} style={{ maxWidth: 420, marginBottom: 12 }} onSearch={(v) => set('uscc', v.trim().toUpperCase())} />
        {enterprise.data && <Figure figure={enterprise.data} testId="sc-enterprise" />}
      </Card>
    </Space>
  );
}
