import { Alert, App, Button, Card, Col, Grid, List, Popconfirm, Row, Skeleton, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { errorText } from '../../app/errorText';
import { useNotifyError } from '../../app/errors';
import { useAsync } from '../../app/hooks/useAsync';
import { DrawFacts, PublicDrawButton, RevealedBanner, WitnessReveal } from './Ceremony';
import { lotsApi, samplePath, type Exclusion, type Lot } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** The evidence the repeat rule records for a producer left out (sampling/README.md). */
interface RepeatEvidence {
  name?: string;
  sampleId?: string;
  sampleNo?: string;
  on?: string;
  months?: number;
}

/** The producers left out of the draw, each with the rule and its evidence (the earlier sample). */
function Exclusions({ excluded }: { excluded: Exclusion[] }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const screens = Grid.useBreakpoint();
  if (!excluded.length) return <Typography.Text type="secondary">{label('excludedNone')}</Typography.Text>;
  const ev = (e: Exclusion) => e.evidence as RepeatEvidence;
  if (!screens.md)
    return (
      <List<Exclusion>
        size="small"
        dataSource={excluded}
        data-testid="draw-excluded"
        renderItem={(e) => {
          const x = ev(e);
          return (
            <List.Item key={e.key} style={{ display: 'block' }}>
              <div>{x.name ?? e.key}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('spotcheckLots.evidenceText', { sampleNo: x.sampleNo ?? '', on: x.on ?? '', months: x.months ?? '' })}
              </Typography.Text>
              {x.sampleId && (
                <div>
                  <Link to={samplePath(x.sampleId)}>{label('openSample')}</Link>
                </div>
              )}
            </List.Item>
          );
        }}
      />
    );
  const columns: TableColumnsType<Exclusion> = [
    { title: label('enterprise'), key: 'name', render: (_: unknown, e) => ev(e).name ?? e.key },
    { title: label('uscc'), dataIndex: 'key', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: label('evidence'), key: 'rule', render: (_: unknown, e) => <Tag color="orange">{t(`spotcheckLots.rules.${e.rule}`, { months: ev(e).months ?? '', defaultValue: e.rule })}</Tag> },
    {
      title: label('lastSample'),
      key: 'sample',
      className: 'zj-nowrap',
      render: (_: unknown, e) => {
        const x = ev(e);
        return x.sampleId ? <Link to={samplePath(x.sampleId)}>{x.sampleNo ?? x.sampleId}</Link> : (x.sampleNo ?? t('common.none'));
      },
    },
    { title: label('lastOn'), key: 'on', className: 'zj-nowrap', render: (_: unknown, e) => ev(e).on ?? t('common.none') },
  ];
  return <Table<Exclusion> size="small" rowKey="key" columns={columns} dataSource={excluded} pagination={false} scroll={{ x: 'max-content' }} data-testid="draw-excluded" />;
}

/**
 * 抽取被抽样企业: commit the draw among the product's producers (the repeat rule's exclusions
 * shown with their evidence), the witnesses' input and the reveal; the samples it made are listed
 * below the panel (LotSamples).
 */
export function SamplingDrawPanel({ lot, onChanged }: { lot: Lot; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  // the commit's own note (fewer candidates than batches); the reload shows the rest
  const [note, setNote] = useState<string | null>(null);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const mayDraw = can('spotcheck.plan');
  const draw = useAsync(() => (lot.drawId ? lotsApi.draw(lot.drawId) : Promise.resolve(null)), `${lot.drawId}:${lot.status}:${lot.version}`);

  const commit = async () => {
    setBusy(true);
    try {
      const answer = await lotsApi.commitDraw(lot.id);
      setNote(answer.note);
      void message.success(label('drawCommitted'));
    } catch (err) {
      // a draw committed meanwhile: the reload shows it
      if (!(err instanceof ApiError && err.code === 'DRAW_PENDING')) notifyError(err);
    } finally {
      setBusy(false);
    }
    onChanged();
  };

  const reveal = async (witnessInput: string) => {
    if (!lot.drawId) return;
    try {
      const answer = await lotsApi.revealDraw(lot.drawId, witnessInput);
      void message.success(t('spotcheckLots.revealedSamples', { count: answer.samples.length }));
    } catch (err) {
      notifyError(err);
    }
    onChanged();
  };

  let body;
  if (lot.status === 'open') body = <Alert type="info" showIcon message={label('drawNeedsInstitution')} />;
  else if (!lot.drawId)
    body = (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" showIcon message={label('drawIntro')} />
        {mayDraw && lot.status === 'assigned' && (
          <Popconfirm title={label('commitDrawConfirm')} okText={label('commitDraw')} cancelText={t('common.cancel')} onConfirm={() => void commit()}>
            <Button type="primary" size="large" icon={<LockOutlined />} loading={busy} data-testid="draw-commit">
              {label('commitDraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  else if (!draw.data) body = draw.error ? <Alert type="error" showIcon message={errorText(draw.error, t)} /> : <Skeleton active />;
  else {
    const d = draw.data;
    const stratum = d.record.strata[0];
    const committed = d.status === 'committed';
    body = (
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {committed ? (
          <Alert type="success" showIcon message={label('drawCommitted')} action={<PublicDrawButton drawId={d.id} testId="draw-public" />} />
        ) : (
          <RevealedBanner title={label('revealed')} drawId={d.id} record={d.record} testId="draw-revealed" />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={8}>
            <Statistic title={label('candidates')} value={stratum?.n ?? 0} data-testid="draw-candidates" />
          </Col>
          <Col xs={8}>
            <Statistic title={label('excluded')} value={d.excluded.length} />
          </Col>
          <Col xs={8}>
            <Statistic title={label('toDraw')} value={stratum?.k ?? 0} suffix={`/ ${lot.batches}`} />
          </Col>
        </Row>
        {stratum && stratum.k < lot.batches && <Alert type="warning" showIcon message={note ?? t('spotcheckLots.fewerCandidates', { count: stratum.n, batches: lot.batches })} />}
        {committed && <DrawFacts record={d.record} />}
        <div>
          <Typography.Text strong>{label('excluded')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Exclusions excluded={d.excluded} />
          </div>
        </div>
        {committed && mayDraw && <WitnessReveal onReveal={reveal} testId="draw-reveal" />}
      </Space>
    );
  }

  return (
    <Card title={label('draw')} data-testid="lot-draw">
      {body}
    </Card>
  );
}
