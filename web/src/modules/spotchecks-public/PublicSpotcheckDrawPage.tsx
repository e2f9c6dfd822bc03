import { Alert, Button, Descriptions, Divider, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { VerifyPanel } from '../inspections';
import { useWide } from '../../app/components/plain';
import { SpotcheckPublicFrame } from './SpotcheckPublicFrame';
import { isRateLimited } from '../../app/list/publicList';
import { drawPagePath, drawRecordUrl, spotchecksPublicApi, type SpotcheckDrawRecord } from './spotchecksPublic.api';

type Stratum = SpotcheckDrawRecord['strata'][number];
type Opening = NonNullable<SpotcheckDrawRecord['openings']>[number];

const short = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 12)}…${hex.slice(-4)}` : hex);
const Hex = ({ value, full }: { value: string; full?: boolean }) => (
  <Typography.Text code copyable={{ text: value }} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }} title={value}>
    {full ? value : short(value)}
  </Typography.Text>
);

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Divider orientation="left" orientationMargin={0} style={{ marginTop: 8 }}>
        <Typography.Title level={2} id={id} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      </Divider>
      {children}
    </section>
  );
}

const STATUS_COLOR = { committed: 'gold', revealed: 'green', cancelled: 'red' } as const;

function DrawBody({ r }: { r: SpotcheckDrawRecord }) {
  const { t } = useTranslation();
  const wide = useWide();
  const label = (key: string, o?: Record<string, unknown>) => t(`scPublic.draw.${key}`, o);
  const revealed = r.status === 'revealed';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="draw-meta"
        items={[
          { key: 'purpose', label: label('title'), children: label(`purpose.${r.purpose}`) },
          { key: 'status', label: label('statusLabel'), children: <Tag color={STATUS_COLOR[r.status]}>{label(`status.${r.status}`)}</Tag> },
          { key: 'committedAt', label: label('committedAt'), children: formatDateTime(r.committedAt) },
          ...(r.revealedAt ? [{ key: 'revealedAt', label: label('revealedAt'), children: formatDateTime(r.revealedAt) }] : []),
        ]}
      />
      {r.status === 'committed' && <Alert type="warning" showIcon message={label('pending')} data-testid="draw-state" />}
      {revealed && <Alert type="success" showIcon message={label('revealedNote')} data-testid="draw-state" />}
      {r.status === 'cancelled' && <Alert type="error" showIcon message={label('cancelled', { reason: r.cancelReason ?? '' })} data-testid="draw-state" />}

      <Section title={label('strata')} id="draw-strata">
        <Table<Stratum>
          size="small"
          rowKey="name"
          dataSource={r.strata}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="draw-strata"
          columns={[
            { key: 'name', title: label('stratum'), dataIndex: 'name' },
            { key: 'n', title: label('candidates'), dataIndex: 'n', align: 'right' },
            { key: 'k', title: label('k'), dataIndex: 'k', align: 'right' },
            ...(revealed ? [{ key: 'sel', title: label('selected'), align: 'right' as const, render: (_: unknown, s: Stratum) => s.selected?.length ?? 0 }] : []),
          ]}
        />
      </Section>

      {revealed && r.openings && (
        <Section title={label('openings')} id="draw-openings">
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {label('key')}：{label(`keyHint.${r.purpose}`)}
          </Typography.Paragraph>
          {wide ? (
            <Table<Opening>
              size="small"
              rowKey="blindedId"
              dataSource={r.openings}
              pagination={false}
              data-testid="draw-openings"
              columns={[
                { key: 'key', title: label('key'), render: (_, o) => <Typography.Text strong style={{ fontFamily: 'monospace' }}>{o.key}</Typography.Text> },
                { key: 'blinded', title: label('blindedId'), render: (_, o) => <Hex value={o.blindedId} /> },
                { key: 'nonce', title: label('nonce'), render: (_, o) => <Hex value={o.nonce} /> },
              ]}
            />
          ) : (
            <ul data-testid="draw-openings" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {r.openings.map((o) => (
                <li key={o.blindedId} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
                  <Typography.Text strong style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                    {o.key}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{label('blindedId')} </Typography.Text>
                    <Hex value={o.blindedId} />
                  </div>
                  <div>
                    <Typography.Text type="secondary">{label('nonce')} </Typography.Text>
                    <Hex value={o.nonce} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      <Section title={label('hashes')} id="draw-hashes">
        <Descriptions
          size="small"
          column={1}
          bordered={wide}
          items={[
            { key: 'commitment', label: label('commitment'), children: <Hex value={r.commitment} full={wide} /> },
            { key: 'candidatesHash', label: label('candidatesHash'), children: <Hex value={r.candidatesHash} full={wide} /> },
            ...(r.witnessInput !== undefined ? [{ key: 'witness', label: label('witnessInput'), children: r.witnessInput || '—' }] : []),
            ...(r.seed ? [{ key: 'seed', label: label('seed'), children: <Hex value={r.seed} full={wide} /> }] : []),
          ]}
        />
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{label('statement')}</Typography.Text>
          <Typography.Paragraph copyable code data-testid="commit-statement-text" style={{ fontFamily: 'monospace', wordBreak: 'break-all', marginTop: 4 }}>
            {r.commitStatement}
          </Typography.Paragraph>
        </div>
      </Section>

      <Divider style={{ margin: '8px 0' }} />
      <Suspense fallback={<Skeleton active />}>
        <VerifyPanel drawId={r.id} statement={r.commitStatement} recordUrl={drawRecordUrl(r.id)} pagePath={drawPagePath(r.id)} />
      </Suspense>
    </Space>
  );
}

/** A spot check draw's public record (enterprises drawn for a lot, or a tie among institutions) with 在本机核验. No sign-in. */
export function PublicSpotcheckDrawPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => spotchecksPublicApi.draw(id), id);
  const label = (key: string) => t(`scPublic.draw.${key}`);
  const extra = (
    <Space wrap size={[16, 4]}>
      {data && (
        <Button icon={<DownloadOutlined />} href={drawRecordUrl(data.id)} download={`spotcheck-draw-${data.id}.json`}>
          {label('download')}
        </Button>
      )}
      <Link to="/public/draw-method">{label('method')}</Link>
      {data?.purpose === 'tie_break' && <Link to="/public/spotcheck-selections">{label('toSelections')}</Link>}
    </Space>
  );
  let body;
  if (error instanceof ApiError && error.status === 404) body = <Empty description={t('scPublic.notFound')} />;
  else if (error) body = <Alert type={isRateLimited(error) ? 'warning' : 'error'} showIcon role="alert" message={isRateLimited(error) ? t('scPublic.rateLimited') : errorText(error, t)} />;
  else if (!data || loading) body = <Skeleton active />;
  else body = <DrawBody r={data} />;
  return (
    <SpotcheckPublicFrame title={data ? `${label('title')} · ${label(`purpose.${data.purpose}`)}` : label('title')} extra={extra} testId="public-spotcheck-draw">
      {body}
    </SpotcheckPublicFrame>
  );
}
