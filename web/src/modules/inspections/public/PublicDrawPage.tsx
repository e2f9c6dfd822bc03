import { Alert, Button, Descriptions, Divider, Empty, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { labelled } from '../../../app/i18n/punctuation';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { DrawHashes } from '../draws/DrawHashes';
import { DrawRecordView } from '../draws/DrawRecordView';
import { publicDrawsApi, type Draw } from '../inspections.api';
import { DrawStatusTag } from '../labels';
import { PublicDrawFrame } from './PublicDrawFrame';
import { VerifyHelp } from './VerifyHelp';

/** Saves the record as record.json, as published (what `npx zhijian draw verify` reads). */
function downloadRecord(draw: Draw) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(draw, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'record.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function DrawBody({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.public.${key}`);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'status', label: t('common.status'), children: <DrawStatusTag status={draw.status} /> },
          { key: 'committedAt', label: t('draws.ceremony.committedAt'), children: formatDateTime(draw.committedAt) },
          { key: 'revealedAt', label: t('draws.ceremony.revealedAt'), children: formatDateTime(draw.revealedAt) },
          ...(draw.cancelledAt ? [{ key: 'cancelledAt', label: t('draws.ceremony.cancelledAt'), children: formatDateTime(draw.cancelledAt) }] : []),
        ]}
      />
      {draw.status === 'committed' && <Alert type="info" showIcon message={label('pending')} />}
      {draw.status === 'cancelled' && <Alert type="warning" showIcon message={t('draws.public.cancelled', { reason: draw.cancelReason ?? '' })} />}
      <DrawHashes draw={draw} />
      {draw.status === 'revealed' && (
        <>
          <DrawRecordView draw={draw} />
          <Typography.Text type="secondary">{label('inspectorIds')}</Typography.Text>
        </>
      )}
      <Divider style={{ margin: 0 }} />
      {draw.status === 'revealed' && <VerifyHelp drawId={draw.id} />}
    </Space>
  );
}

/** One draw as published: the record, a download of it, and how to verify it. No login. */
export function PublicDrawPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading } = useAsync(() => publicDrawsApi.get(id), id);
  const label = (key: string) => t(`draws.public.${key}`);

  const extra = (
    <Space>
      {data && (
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => downloadRecord(data)}>
          {label('download')}
        </Button>
      )}
      <Link to="/public/draws">{label('toList')}</Link>
    </Space>
  );

  let body;
  if (error instanceof ApiError && error.status === 404) body = <Empty description={t('errors.notFound')} />;
  else if (error) body = <Alert type="error" showIcon message={errorText(error, t)} />;
  else if (!data || loading) body = <Skeleton active />;
  else body = <DrawBody draw={data} />;

  return (
    <PublicDrawFrame title={data ? labelled(t, label('recordTitle'), data.planName) : label('recordTitle')} extra={extra}>
      {body}
    </PublicDrawFrame>
  );
}
