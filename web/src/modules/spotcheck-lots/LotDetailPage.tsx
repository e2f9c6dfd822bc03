import { Card, Grid, Space, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ForbiddenPage } from '../../app/pages/ErrorPages';
import { ChoicePanel } from './ChoicePanel';
import { LotStatusTag } from './labels';
import { LotApplications, LotInfo, LotSamples } from './LotParts';
import { SamplingDrawPanel } from './SamplingDrawPanel';
import { LOT_STATUSES, lotsApi, lotsPath, myLotsPath, openLotsPath } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/**
 * A lot: its product and plan, its steps (open → assigned → drawn → closed), the applications,
 * the competitive choice of the institution (with its tie draw) and the draw of the enterprises
 * with the samples it made. Staff (spotcheck.read) see it all; an institution account
 * (spotcheck.result) sees its own application (and applies), and its lot's samples.
 */
export function LotDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const staff = can('spotcheck.read');
  const institution = !staff && can('spotcheck.result');
  const lot = useAsync(() => lotsApi.lot(id), id);
  const mine = useAsync(() => (institution ? lotsApi.mine() : Promise.resolve(null)), String(institution));
  const label = (key: string) => t(`spotcheckLots.${key}`);

  if (!staff && !institution) return <ForbiddenPage />;
  if (!lot.data) return <DetailPending error={lot.error} loading={lot.loading} />;
  const l = lot.data;
  const current = LOT_STATUSES.indexOf(l.status);
  const back = staff ? { path: lotsPath, label: label('backToLots') } : l.status === 'open' ? { path: openLotsPath, label: label('openLotsTitle') } : { path: myLotsPath, label: label('myLotsTitle') };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="lot-header"
        back={back}
        title={<span style={{ fontFamily: 'monospace' }}>{l.lotNo}</span>}
        tags={<LotStatusTag status={l.status} />}
        subtitle={`${l.product.code} ${l.product.name} · ${t('spotcheckLots.yearQuarter', { year: l.year, quarter: l.quarter })} · ${t('spotcheckLots.batchesN', { count: l.batches })} · ${label('dueOn')} ${formatDate(l.dueOn)}`}
      >
        <Card size="small" variant="borderless" styles={{ body: { padding: '8px 0 0' } }}>
          <Steps
            size="small"
            current={current}
            status={l.status === 'closed' ? 'finish' : 'process'}
            direction={screens.md ? 'horizontal' : 'vertical'}
            items={LOT_STATUSES.map((s) => ({ title: t(`spotcheckLots.lotStatuses.${s}`), description: t(`spotcheckLots.stepHints.${s}`) }))}
            data-testid="lot-steps"
          />
        </Card>
      </DetailHeader>
      <LotInfo lot={l} staff={staff} />
      <LotApplications lot={l} institution={institution} defaultPrice={mine.data?.price} onChanged={lot.reload} />
      {(staff || !!l.selection?.chosenId) && <ChoicePanel lot={l} onChanged={lot.reload} />}
      {staff && <SamplingDrawPanel lot={l} onChanged={lot.reload} />}
      {(l.status === 'drawn' || l.status === 'closed' || l.sampleCount > 0) && (
        <Card title={label('drawnSamples')}>
          <LotSamples lotId={l.id} institution={institution} phone={!screens.md} reloadKey={l.version} />
        </Card>
      )}
    </Space>
  );
}
