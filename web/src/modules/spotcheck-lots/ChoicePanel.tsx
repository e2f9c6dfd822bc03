import { Alert, App, Button, Card, Checkbox, Descriptions, Grid, List, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { DrawFacts, PublicDrawButton, RevealedBanner, WitnessReveal } from './Ceremony';
import { DisqualifiedTags, LocalTag, points, ReasonList, WeightTags, yuan } from './labels';
import { lotsApi, SCORE_PARTS, type Lot, type Score } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** Every applicant's parts and total, the best first; the chosen one marked. */
export function ScoresTable({ scores, chosenId, tiedIds }: { scores: Score[]; chosenId?: string; tiedIds?: Set<string> }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const nameCell = (s: Score) => (
    <Space size={4} wrap>
      <Typography.Text strong={s.institutionId === chosenId}>{s.name}</Typography.Text>
      {s.institutionId === chosenId && (
        <Tag color="green" icon={<TrophyOutlined />}>
          {label('chosen')}
        </Tag>
      )}
      {tiedIds?.has(s.institutionId) && s.institutionId !== chosenId && <Tag color="gold">{label('tieDraw')}</Tag>}
    </Space>
  );
  const rows = [...scores].sort((a, b) => Number(b.qualified) - Number(a.qualified) || b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  const columns: TableColumnsType<Score> = [
    { title: label('institution'), dataIndex: 'name', render: (_: unknown, s) => nameCell(s) },
    { title: label('locality'), dataIndex: 'local', className: 'zj-nowrap', render: (v: boolean) => <LocalTag local={v} /> },
    { title: label('price'), dataIndex: 'price', className: 'zj-nowrap', align: 'right', render: (v: number) => yuan(v) },
    { title: label('capacity'), dataIndex: 'capacity', className: 'zj-nowrap', align: 'right' },
    {
      title: label('qualified'),
      key: 'qualified',
      render: (_: unknown, s) => (s.qualified ? <Tag color="green">{label('isQualified')}</Tag> : <DisqualifiedTags reasons={s.disqualified ?? []} />),
    },
    ...SCORE_PARTS.map((p) => ({
      title: t(`spotcheckLots.parts.${p}`),
      key: p,
      className: 'zj-nowrap',
      align: 'right' as const,
      render: (_: unknown, s: Score) => points(s.parts[p]),
    })),
    {
      title: label('total'),
      dataIndex: 'total',
      className: 'zj-nowrap',
      align: 'right',
      render: (v: number, s) => <Typography.Text strong={s.institutionId === chosenId}>{points(v)}</Typography.Text>,
    },
  ];
  if (!screens.md)
    return (
      <List<Score>
        dataSource={rows}
        data-testid="scores-table"
        renderItem={(s) => (
          <List.Item key={s.applicationId} style={{ display: 'block' }}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space size={4} wrap>
                {nameCell(s)}
                <LocalTag local={s.local} />
              </Space>
              <Typography.Text type="secondary">
                {label('price')} {yuan(s.price)} · {label('capacity')} {s.capacity}
              </Typography.Text>
              {s.qualified ? (
                <Space size={[8, 4]} wrap>
                  {SCORE_PARTS.map((p) => (
                    <span key={p}>
                      {t(`spotcheckLots.parts.${p}`)} {points(s.parts[p])}
                    </span>
                  ))}
                  <Typography.Text strong>
                    {label('total')} {points(s.total)}
                  </Typography.Text>
                </Space>
              ) : (
                <DisqualifiedTags reasons={s.disqualified ?? []} />
              )}
            </Space>
          </List.Item>
        )}
      />
    );
  return <Table<Score> size="small" rowKey="applicationId" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} data-testid="scores-table" />;
}

/**
 * 评分选定承检机构 (§三(二)2(5)): the score of every applicant with the plan's weights (or the
 * locality weight set to 0 for this lot, opening it to outside institutions), the highest total
 * chosen; equal totals go to a tie draw, revealed here with the witnesses' input.
 */
export function ChoicePanel({ lot, onChanged }: { lot: Lot; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [openToOutside, setOpenToOutside] = useState(false);
  const [busy, setBusy] = useState(false);
  // the scores of a refused choice (409 NO_QUALIFIED_APPLICANT: nobody qualified)
  const [refused, setRefused] = useState<Score[] | null>(null);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const sel = lot.selection;
  const tieDrawId = sel?.tieDrawId ?? null;
  const pendingTie = !!sel && !sel.chosenId && !!tieDrawId;
  const mayChoose = can('spotcheck.plan');
  // the tie draw's commitment (staff's view of the draw)
  const tie = useAsync(() => (tieDrawId && can('spotcheck.read') ? lotsApi.draw(tieDrawId) : Promise.resolve(null)), `${tieDrawId}:${sel?.chosenId}`);

  const choose = async () => {
    setBusy(true);
    setRefused(null);
    try {
      const answer = await lotsApi.select(lot.id, openToOutside ? 0 : undefined);
      if (answer.status === 'tie') void message.warning(label('tied'));
      else void message.success(t('spotcheckLots.selected', { name: answer.lot.institutionName ?? '' }));
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NO_QUALIFIED_APPLICANT') {
        const scores = (err.details as { scores?: Score[] } | undefined)?.scores;
        if (scores?.length) setRefused(scores);
      }
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const revealTie = async (witnessInput: string) => {
    try {
      const answer = await lotsApi.revealTie(lot.id, witnessInput);
      void message.success(t('spotcheckLots.selected', { name: answer.lot.institutionName ?? '' }));
      onChanged();
    } catch (err) {
      notifyError(err);
    }
  };

  let body;
  if (!sel) {
    body =
      lot.status === 'open' ? (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Alert type="info" showIcon message={lot.applicationCount ? label('noSelection') : label('waitingApplications')} description={label('choiceIntro')} />
          <Descriptions size="small" column={1} items={[{ key: 'w', label: label('planWeights'), children: <WeightTags weights={lot.plan.scoreWeights} /> }]} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label('formulaHint')}
          </Typography.Text>
          {mayChoose && (
            <Space direction="vertical" size={8}>
              <Checkbox checked={openToOutside} onChange={(e) => setOpenToOutside(e.target.checked)} data-testid="open-to-outside">
                {label('openToOutside')}
              </Checkbox>
              <Typography.Text type="secondary">{label('openToOutsideHint')}</Typography.Text>
              <Popconfirm title={label('selectConfirm')} okText={label('select')} cancelText={t('common.cancel')} onConfirm={() => void choose()}>
                <Button type="primary" size="large" icon={<TrophyOutlined />} loading={busy} disabled={!lot.applicationCount} data-testid="lot-select">
                  {label('select')}
                </Button>
              </Popconfirm>
            </Space>
          )}
          {refused && <ScoresTable scores={refused} />}
        </Space>
      ) : (
        <Typography.Text type="secondary">{label('noSelection')}</Typography.Text>
      );
  } else {
    const tiedIds = new Set(sel.scores.filter((s) => s.qualified && s.total === Math.max(...sel.scores.filter((x) => x.qualified).map((x) => x.total))).map((s) => s.institutionId));
    body = (
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {sel.chosenId && lot.institution && (
          <Alert type="success" showIcon message={t('spotcheckLots.selected', { name: lot.institution.name })} data-testid="selection-chosen" />
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          items={[
            { key: 'w', label: label('usedWeights'), children: <WeightTags weights={sel.weights} /> },
            ...(sel.localityOverridden && sel.baseWeights ? [{ key: 'b', label: label('planWeights'), children: <WeightTags weights={sel.baseWeights} /> }] : []),
            ...(sel.decidedOn ? [{ key: 'd', label: label('decidedOn'), children: formatDate(sel.decidedOn) }] : []),
            { key: 'by', label: label('decidedBy'), children: sel.byName },
          ]}
        />
        {sel.localityOverridden && <Tag color="purple">{label('localityOverridden')}</Tag>}
        <Typography.Text strong>{label('scoresTitle')}</Typography.Text>
        <ScoresTable scores={sel.scores} chosenId={sel.chosenId || undefined} tiedIds={tieDrawId ? tiedIds : undefined} />
        {sel.reasons.length > 0 && (
          <>
            <Typography.Text strong>{label('reasons')}</Typography.Text>
            <ReasonList reasons={sel.reasons} />
          </>
        )}
        {pendingTie && tieDrawId && (
          <Card size="small" title={label('tieDraw')} data-testid="tie-draw" extra={<PublicDrawButton drawId={tieDrawId} testId="tie-public" />}>
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              <Alert type="warning" showIcon message={label('tied')} description={label('tieIntro')} />
              <Typography.Text>{t('spotcheckLots.tiedBetween', { names: sel.scores.filter((s) => tiedIds.has(s.institutionId)).map((s) => s.name).join(t('common.listSeparator')) })}</Typography.Text>
              {tie.data && <DrawFacts record={tie.data.record} />}
              {mayChoose && <WitnessReveal onReveal={revealTie} testId="tie-reveal" />}
            </Space>
          </Card>
        )}
        {!pendingTie && tieDrawId && <RevealedBanner title={label('tieRevealed')} drawId={tieDrawId} record={tie.data?.record} testId="tie-revealed" />}
      </Space>
    );
  }

  return (
    <Card title={label('choice')} data-testid="lot-choice">
      {body}
    </Card>
  );
}
