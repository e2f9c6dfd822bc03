import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import { useParams } from 'react-router-dom';
import { DetailHeader, DetailPending } from '../../../app/components/DetailHeader';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { useRegions } from '../../regions';
import { DrawCeremony } from '../draws/DrawCeremony';
import { DrawHistory } from '../draws/DrawHistory';
import { plansApi, type Plan } from '../inspections.api';
import { usePlanRefs, usePlanRule, useQuarterText } from './planRefs';
import '../draws.pages.i18n';
import '../planning.pages.i18n';

/** The plan's fields. */
function PlanFields({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const refs = usePlanRefs();
  const rule = usePlanRule();
  const quarterText = useQuarterText();
  const regions = useRegions();
  const label = (key: string) => t(`inspectionPlans.plans.${key}`);
  const pool = refs.pool(plan.poolId);
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      data-testid="plan-fields"
      items={[
        { key: 'item', label: label('item'), children: refs.item(plan.itemId)?.name ?? '—' },
        { key: 'pool', label: label('pool'), children: pool ? withNote(t, pool.name, `${t('inspectionPlans.pools.size')} ${pool.size}`) : '—' },
        { key: 'year', label: label('year'), children: plan.year },
        { key: 'quarters', label: label('quarters'), children: quarterText(plan.quarters) },
        { key: 'mode', label: label('mode'), span: 2, children: rule(plan) },
        { key: 'perTask', label: label('inspectorsPerTask'), children: plan.inspectorsPerTask },
        { key: 'region', label: label('region'), children: regions.nameOf(plan.regionCode) },
        ...(plan.pastPeriodReason ? [{ key: 'pastPeriodReason', label: label('pastPeriodReason'), span: 2, children: plan.pastPeriodReason }] : []),
        { key: 'createdBy', label: label('createdBy'), children: plan.createdByName },
        { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(plan.createdAt) },
      ]}
    />
  );
}

/** One plan: its fields, its draw ceremony and every draw it had. */
export function PlanDetailPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const rule = usePlanRule();
  const plan = useAsync(() => plansApi.get(id), id);
  const draws = useAsync(() => plansApi.draws(id), id);

  if (plan.error || !plan.data) return <DetailPending error={plan.error} loading={plan.loading} />;
  const p = plan.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="plan-header"
        back={{ path: '/inspection-plans', label: t('inspectionPlans.plans.backToList') }}
        title={p.name}
        tags={<Tag color="blue">{p.year}</Tag>}
        subtitle={rule(p)}
      />
      <Card title={t('inspectionPlans.plans.details')}>
        <PlanFields plan={p} />
      </Card>
      <Card title={t('draws.ceremony.title')}>
        <DrawCeremony planId={p.id} draws={draws.data?.items} onChanged={draws.reload} />
      </Card>
      <Card title={t('draws.ceremony.history')}>
        <DrawHistory draws={draws.data?.items ?? []} loading={draws.loading} />
      </Card>
    </Space>
  );
}
