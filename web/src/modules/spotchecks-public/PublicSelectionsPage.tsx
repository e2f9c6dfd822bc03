import { Card, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, NodeIndexOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useWide } from '../../app/components/plain';
import { PublicYearCardsPage } from './PublicYearCardsPage';
import { drawPagePath, spotchecksPublicApi, type PublicSelection } from './spotchecksPublic.api';

type Score = PublicSelection['scores'][number];
const PARTS = ['price', 'capability', 'record', 'locality'] as const;
const partKey = { price: 'partPrice', capability: 'partCapability', record: 'partRecord', locality: 'partLocality' } as const;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function ScoreTable({ s }: { s: PublicSelection }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`scPublic.selections.${key}`);
  const chosen = (r: Score) => r.institutionId === s.chosen.institutionId;
  return (
    <Table<Score>
      size="small"
      rowKey="institutionId"
      dataSource={s.scores}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="selection-scores"
      columns={[
        {
          key: 'name',
          title: label('name'),
          render: (_, r) => (
            <Space direction="vertical" size={2}>
              <Space size={4} wrap>
                {chosen(r) && <CheckCircleFilled style={{ color: '#237804' }} aria-hidden />}
                <Typography.Text strong={chosen(r)}>{r.name}</Typography.Text>
                {chosen(r) && <Tag color="green">{label('chosenMark')}</Tag>}
                {r.local && <Tag>{label('local')}</Tag>}
              </Space>
              {!r.qualified && (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {label('disqualified')}：{r.disqualified.map((d) => d.text).join('；')}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        { key: 'price', title: label('price'), align: 'right', render: (_, r) => r.price.toLocaleString('zh-CN') },
        ...PARTS.map((p) => ({ key: p, title: label(partKey[p]), align: 'right' as const, render: (_: unknown, r: Score) => (r.qualified ? fmt(r.parts[p]) : '—') })),
        { key: 'total', title: label('total'), align: 'right', render: (_, r) => <Typography.Text strong>{r.qualified ? fmt(r.total) : '—'}</Typography.Text> },
      ]}
    />
  );
}

/** The scores as cards on a phone. */
function ScoreCards({ s }: { s: PublicSelection }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`scPublic.selections.${key}`);
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="selection-scores">
      {s.scores.map((r) => {
        const chosen = r.institutionId === s.chosen.institutionId;
        return (
          <Card key={r.institutionId} size="small" style={chosen ? { borderColor: '#52c41a' } : undefined}>
            <Space size={4} wrap style={{ marginBottom: 4 }}>
              <Typography.Text strong>{r.name}</Typography.Text>
              {chosen && <Tag color="green">{label('chosenMark')}</Tag>}
              {r.local && <Tag>{label('local')}</Tag>}
            </Space>
            {r.qualified ? (
              <Flex wrap gap={12}>
                <span>
                  <Typography.Text type="secondary">{label('price')} </Typography.Text>
                  {r.price.toLocaleString('zh-CN')}
                </span>
                {PARTS.map((p) => (
                  <span key={p}>
                    <Typography.Text type="secondary">{label(partKey[p])} </Typography.Text>
                    {fmt(r.parts[p])}
                  </span>
                ))}
                <span>
                  <Typography.Text type="secondary">{label('total')} </Typography.Text>
                  <Typography.Text strong>{fmt(r.total)}</Typography.Text>
                </span>
              </Flex>
            ) : (
              <Typography.Text type="danger">
                {label('disqualified')}：{r.disqualified.map((d) => d.text).join('；')}
              </Typography.Text>
            )}
          </Card>
        );
      })}
    </Space>
  );
}

function SelectionCard({ s }: { s: PublicSelection }) {
  const { t } = useTranslation();
  const wide = useWide();
  const label = (key: string, o?: Record<string, unknown>) => t(`scPublic.selections.${key}`, o);
  return (
    <Card
      size="small"
      style={{ width: '100%' }}
      data-testid="public-selection"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {s.productName}（{s.productCode}） · {label('quarter', { year: s.year, quarter: s.quarter })}
        </Typography.Title>
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'lot', label: label('lot'), children: <span style={{ fontFamily: 'monospace' }}>{s.lotNo}</span> },
            { key: 'batches', label: t('scPublic.bulletins.batches'), children: label('batches', { count: s.batches }) },
            { key: 'chosen', label: label('chosen'), children: <Typography.Text strong>{s.chosen.name}</Typography.Text> },
            { key: 'on', label: label('decidedOn'), children: formatDate(s.decidedOn) },
          ]}
        />
        <Typography.Text type="secondary">{label('weights', { price: fmt(s.weights.price), capability: fmt(s.weights.capability), record: fmt(s.weights.record), locality: fmt(s.weights.locality) })}</Typography.Text>
        {wide ? <ScoreTable s={s} /> : <ScoreCards s={s} />}
        <div>
          <Typography.Text strong>{label('reasons')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {s.reasons
              .filter((r) => r.code !== 'WEIGHTS')
              .map((r) => (
                <li key={r.code}>{r.text}</li>
              ))}
          </ul>
        </div>
        {s.tieDrawId && (
          <Link to={drawPagePath(s.tieDrawId)} data-testid="tie-draw-link">
            <NodeIndexOutlined /> {label('tieDraw')}
          </Link>
        )}
      </Space>
    </Card>
  );
}

/** 承检机构选定结果: each lot's competitive choice with every applicant's scores and the reasons; a tie's draw linked. No sign-in. */
export function PublicSelectionsPage() {
  return (
    <PublicYearCardsPage<PublicSelection>
      part="selections"
      testId="public-spotcheck-selections"
      yearId="selection-year"
      listTestId="public-selections"
      load={spotchecksPublicApi.selections}
      rowKey={(s) => s.lotId}
      card={(s) => <SelectionCard s={s} />}
    />
  );
}
