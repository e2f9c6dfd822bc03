import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { labelled } from '../../../app/i18n/punctuation';
import { formatDateTime } from '../../../app/format';
import type { DrawSummary } from '../inspections.api';
import { DrawStatusTag } from '../labels';
import { publicDrawPath } from '../shared';
import '../draws.pages.i18n';

/** Every draw of a plan, newest first: its state, when and by whom, its commitment, and why a cancelled one was cancelled. */
export function DrawHistory({ draws, loading }: { draws: DrawSummary[]; loading: boolean }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.ceremony.${key}`);
  const columns: TableColumnsType<DrawSummary> = [
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (_, d) => <DrawStatusTag status={d.status} /> },
    { title: label('committedAt'), dataIndex: 'committedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: label('committedBy'), dataIndex: 'committedByName', width: 120 },
    {
      title: t('draws.record.commitment'),
      dataIndex: 'commitment',
      render: (v: string) => (
        <Tooltip title={v}>
          <Typography.Text code copyable={{ text: v }}>{`${v.slice(0, 16)}…`}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: `${label('revealedAt')} / ${label('cancelledAt')}`,
      key: 'ended',
      render: (_, d) =>
        d.status === 'revealed' ? (
          <>
            <Typography.Link href={publicDrawPath(d.id)} target="_blank">
              {formatDateTime(d.revealedAt)}
            </Typography.Link>
            {!d.tasksCreatedAt && <Tag color="processing">{label('tasksPending')}</Tag>}
          </>
        ) : d.status === 'cancelled' ? (
          <Typography.Link href={publicDrawPath(d.id)} target="_blank">
            {labelled(t, formatDateTime(d.cancelledAt), d.cancelReason ?? '')}
          </Typography.Link>
        ) : (
          <Typography.Link href={publicDrawPath(d.id)} target="_blank">
            {label('openPublic')}
          </Typography.Link>
        ),
    },
  ];
  return (
    <Table<DrawSummary>
      data-testid="draw-history"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={draws}
      loading={loading}
      pagination={false}
      locale={{ emptyText: label('noDraws') }}
    />
  );
}
