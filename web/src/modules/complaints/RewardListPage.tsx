import { Form, Select, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import './complaints.pages.i18n';
import { complaintsApi, REWARD_STATUSES, type Reward, type RewardQuery } from './complaints.api';
import { complaintPath, RewardStatusTag } from './labels';
import { RewardButtons, yuan } from './RewardActions';

/** 举报奖励: proposals, approvals and payments, with the actions each user may take inline. */
export function RewardListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [reloadToken, setReloadToken] = useState(0);
  const reload = () => setReloadToken((n) => n + 1);
  const columns: TableColumnsType<Reward> = [
    {
      title: t('complaints.trackingNo'),
      dataIndex: 'trackingNo',
      className: 'zj-nowrap',
      render: (v: string | undefined, r) => (
        <Typography.Link style={{ fontFamily: 'monospace' }} onClick={() => navigate(complaintPath(r.complaintId))}>
          {v ?? r.complaintId.slice(0, 8)}
        </Typography.Link>
      ),
    },
    { title: t('complaints.subject'), dataIndex: 'subjectName', responsive: ['md'], render: (v: string | null | undefined) => v ?? t('common.none') },
    { title: t('complaints.rewardAmount'), dataIndex: 'amount', className: 'zj-nowrap', render: (v: string) => yuan(v) },
    { title: t('complaints.status'), dataIndex: 'status', render: (s: Reward['status']) => <RewardStatusTag status={s} /> },
    { title: t('complaints.rewardReason'), dataIndex: 'reason', responsive: ['lg'], ellipsis: true },
    { title: t('complaints.rewardProposedBy'), dataIndex: 'proposedByName', responsive: ['md'], render: (v: string, r) => `${v} ${formatDate(r.proposedAt)}` },
    { title: t('complaints.rewardDecidedBy'), dataIndex: 'decidedByName', responsive: ['lg'], render: (v: string | null, r) => (v ? `${v} ${formatDate(r.decidedAt)}` : t('common.none')) },
    { title: t('complaints.rewardPaidOn'), dataIndex: 'paidOn', responsive: ['md'], render: (v: string | null) => formatDate(v) },
    { title: t('common.actions'), key: 'actions', render: (_: unknown, r) => <RewardButtons reward={r} size="small" onDone={reload} onStale={reload} /> },
  ];
  return (
    <ListPage<Reward, RewardQuery>
      title={t('complaints.rewardsTitle')}
      fetch={complaintsApi.rewards}
      rowKey="id"
      columns={columns}
      reloadToken={reloadToken}
      tableProps={{ scroll: { x: 'max-content' } }}
      filters={
        <Form.Item name="status" label={t('complaints.status')}>
          <Select allowClear style={{ width: 140 }} options={REWARD_STATUSES.map((s) => ({ value: s, label: t(`complaints.rewardStatuses.${s}`) }))} />
        </Form.Item>
      }
    />
  );
}
