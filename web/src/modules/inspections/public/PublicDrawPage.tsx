import { Alert, Button, Descriptions, Divider, Empty, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PublicFrame } from '../../../app/layout/PublicFrame';
import { ApiError } from '../../../api/client';
import { errorText } from '../../../app/errorText';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { DrawHashes } from '../draws/DrawHashes';
import { DrawRecordView } from '../draws/DrawRecordView';
import { drawRecordApi, METHOD_PATH, publicRecordUrl, type PublicRecord } from '../draws/drawRecord';
import { DrawStatusTag } from '../labels';
import { InspectorPool } from './InspectorPool';
import { StrataCandidates } from './StrataCandidates';
import { VerifyPanel } from './VerifyPanel';
import '../draws.pages.i18n';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId}>
      <Divider orientation="left" orientationMargin={0} style={{ marginTop: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {title}
        </Typography.Title>
      </Divider>
      {children}
    </section>
  );
}

/** What the public record shows and what it keeps back, said plainly. */
function WhatItShows() {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.public.${key}`);
  return (
    <Alert
      type="info"
      data-testid="draw-privacy"
      message={label('showsTitle')}
      description={
        <Space direction="vertical" size={4}>
          <span>{label('shows')}</span>
          <span>{label('hides')}</span>
          <Typography.Text type="secondary">{label('caveat')}</Typography.Text>
        </Space>
      }
    />
  );
}

function DrawBody({ record }: { record: PublicRecord }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.public.${key}`);
  const revealed = record.status === 'revealed';
  const ended =
    record.status === 'cancelled'
      ? [{ key: 'cancelledAt', label: t('draws.ceremony.cancelledAt'), children: formatDateTime(record.cancelledAt) }]
      : [{ key: 'revealedAt', label: t('draws.ceremony.revealedAt'), children: record.revealedAt ? formatDateTime(record.revealedAt) : '—' }];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="draw-meta"
        items={[
          { key: 'bureau', label: label('bureau'), children: record.bureauName ?? '—' },
          { key: 'item', label: label('item'), children: record.itemName ?? '—' },
          { key: 'status', label: t('common.status'), children: <DrawStatusTag status={record.status} /> },
          { key: 'committedAt', label: t('draws.ceremony.committedAt'), children: formatDateTime(record.committedAt) },
          ...ended,
        ]}
      />
      {record.status === 'committed' && <Alert type="warning" showIcon message={label('pending')} data-testid="draw-state" />}
      {revealed && <Alert type="success" showIcon message={label('revealedNote')} data-testid="draw-state" />}
      {record.status === 'cancelled' && <Alert type="error" showIcon message={t('draws.public.cancelled', { reason: record.cancelReason ?? '' })} data-testid="draw-state" />}
      {record.version !== 'zhijian-draw/1' && <WhatItShows />}

      {revealed && (
        <Section title={t('draws.record.result')} testId="draw-result">
          <DrawRecordView record={record} />
        </Section>
      )}

      <Section title={t('draws.record.hashes')}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <DrawHashes draw={record} />
          {record.commitStatement && (
            <div>
              <Typography.Text strong>{t('draws.record.statement')}</Typography.Text>
              <Typography.Paragraph copyable code data-testid="commit-statement-text" style={{ fontFamily: 'monospace', wordBreak: 'break-all', marginTop: 4 }}>
                {record.commitStatement}
              </Typography.Paragraph>
            </div>
          )}
        </Space>
      </Section>

      <Section title={t('draws.record.strata')}>
        <StrataCandidates record={record} />
      </Section>

      {record.inspectorPool && (
        <Section title={t('draws.record.pool')}>
          <InspectorPool record={record} />
        </Section>
      )}

      <Divider style={{ margin: '8px 0' }} />
      <VerifyPanel drawId={record.id} statement={record.commitStatement} />
    </Space>
  );
}

/** One draw as published, in any state (committed, revealed, cancelled), with verification anyone can run. No login. */
export function PublicDrawPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => drawRecordApi.publicRecord(id), id);
  const label = (key: string) => t(`draws.public.${key}`);

  const extra = (
    <Space wrap size={[16, 4]}>
      {data && (
        // the record's own address: the bytes as served (a record may be tens of megabytes)
        <Button icon={<DownloadOutlined />} href={publicRecordUrl(data.id)} download={`draw-${data.id}.json`}>
          {label('downloadRecord')}
        </Button>
      )}
      <Link to={METHOD_PATH}>{label('toMethod')}</Link>
      <Link to="/public/draws">{label('toList')}</Link>
    </Space>
  );

  let body;
  if (error instanceof ApiError && error.status === 404) body = <Empty description={t('errors.notFound')} />;
  else if (error) body = <Alert type="error" showIcon message={errorText(error, t)} />;
  else if (!data || loading) body = <Skeleton active />;
  else body = <DrawBody record={data} />;

  return (
    <PublicFrame width={1100} title={data ? data.planName : label('recordTitle')} extra={extra}>
      {body}
    </PublicFrame>
  );
}
