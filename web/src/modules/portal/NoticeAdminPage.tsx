import { Alert, Card, Descriptions, Space, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { NoticeActions } from './NoticeActions';
import { NoticeText } from './NoticeText';
import { NoticeStatusTag } from './labels';
import { noticesApi, publicNoticePath, type Notice } from './portal.api';
import './portal.staff.i18n';

/** Where the notice stands among 起草 → 待审核 → 已发布 → 已撤回. */
const STEP = { draft: 0, pending: 1, published: 2, withdrawn: 3 } as const;

/** One portal notice for staff: its steps, who did what, the text as the portal shows it, and the steps the user may take. */
export function NoticeAdminPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { data, error, loading, reload } = useAsync(() => noticesApi.get(id), id);
  const [fresh, setFresh] = useState<Notice | null>(null);
  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const n = fresh && fresh.id === data.id && fresh.version >= data.version ? fresh : data;
  const stale = () => {
    setFresh(null);
    reload();
  };
  const label = (key: string) => t(`portal.admin.${key}`);
  const none = t('common.none');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="notice-header"
        back={{ path: '/portal/notices', label: t('portal.menuNotices') }}
        title={n.title}
        tags={
          <>
            <Tag>{t(`portal.kinds.${n.kind}`)}</Tag>
            <NoticeStatusTag status={n.status} />
          </>
        }
        subtitle={`${n.orgName} · ${label('createdBy')} ${n.createdByName}`}
      >
        <Steps
          size="small"
          current={STEP[n.status]}
          status={n.status === 'withdrawn' ? 'error' : undefined}
          items={(['draft', 'pending', 'published', 'withdrawn'] as const).map((s) => ({ title: t(`portal.statuses.${s}`) }))}
          data-testid="notice-steps"
        />
        <NoticeActions notice={n} onNotice={setFresh} onStale={stale} />
      </DetailHeader>
      {n.status === 'draft' && n.returnedReason && <Alert type="warning" showIcon message={label('returnedReason')} description={n.returnedReason} data-testid="notice-returned" />}
      {n.status === 'withdrawn' && n.withdrawReason && <Alert type="info" showIcon message={label('withdrawReason')} description={n.withdrawReason} />}
      <Card title={label('record')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'created', label: label('createdAt'), children: `${formatDateTime(n.createdAt)} · ${n.createdByName}` },
            { key: 'submitted', label: label('submittedAt'), children: formatDateTime(n.submittedAt, none) },
            { key: 'approved', label: label('approvedBy'), children: n.approvedByName ?? none },
            {
              key: 'published',
              label: t('portal.notices.publishedOn'),
              children: n.publishedAt ? (
                <Space size={8}>
                  {formatDateTime(n.publishedAt)}
                  {n.status === 'published' && <Link to={publicNoticePath(n.id)}>{label('viewOnPortal')}</Link>}
                </Space>
              ) : (
                none
              ),
            },
            { key: 'withdrawn', label: label('withdrawnAt'), children: n.withdrawnAt ? `${formatDateTime(n.withdrawnAt)} · ${n.withdrawnByName ?? ''}` : none },
          ]}
        />
      </Card>
      <Card title={label('preview')}>
        {n.summary && <p style={{ fontWeight: 600 }}>{n.summary}</p>}
        <NoticeText body={n.body} testId="notice-admin-body" />
      </Card>
    </Space>
  );
}
