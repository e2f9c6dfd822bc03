import { Button, Segmented, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { accountsApi, type AccountRequest, type AccountRequestStatus } from './accounts.api';
import { PasswordOnceModal, type ShownPassword } from './PasswordOnceModal';
import { REQUEST_COLORS, RequestDrawer } from './RequestDrawer';

const PAGE_SIZE = 20;

/** Applications in the officer's scope: pending ones first (the default filter), newest first; a row opens the drawer. */
export function RequestList({ openId, onOpen }: { openId: string | null; onOpen: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<AccountRequestStatus | 'all'>('pending');
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const { data, loading, reload } = useAsync(() => accountsApi.requests({ page, pageSize: PAGE_SIZE, status: status === 'all' ? undefined : status }), `${page}|${status}`);

  const columns: TableColumnsType<AccountRequest> = [
    { title: t('entAccounts.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('entAccounts.uscc'), dataIndex: 'uscc', responsive: ['md'] },
    { title: t('entAccounts.applicant'), dataIndex: 'applicantName', responsive: ['md'] },
    { title: t('common.status'), dataIndex: 'status', render: (s: AccountRequestStatus) => <Tag color={REQUEST_COLORS[s]}>{t(`entAccounts.statuses.${s}`)}</Tag> },
    { title: t('entAccounts.appliedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), responsive: ['lg'] },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r.id)}>
          {t('entAccounts.view')}
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="account-requests">
      <Segmented
        aria-label={t('entAccounts.statusFilter')}
        value={status}
        onChange={(v) => {
          setPage(1);
          setStatus(v as AccountRequestStatus | 'all');
        }}
        options={[
          { value: 'pending', label: t('entAccounts.statuses.pending') },
          { value: 'approved', label: t('entAccounts.statuses.approved') },
          { value: 'refused', label: t('entAccounts.statuses.refused') },
          { value: 'all', label: t('entAccounts.all') },
        ]}
      />
      <Table<AccountRequest>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }) }}
      />
      <RequestDrawer
        id={openId}
        onClose={() => onOpen(null)}
        onDecided={(password) => {
          reload();
          setShown(password);
        }}
      />
      <PasswordOnceModal shown={shown} onClose={() => setShown(null)} />
    </Space>
  );
}
