import { Card, Form, Grid, Select, Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ListPage } from '../../app/list/ListPage';
import { formatDateTime } from '../../app/format';
import { archivePath, creditApi, listingPath, REPAIR_STATUSES, type Repair, type RepairQuery } from './credit.api';
import { RepairStatusTag } from './labels';
import { PagedTable } from './PagedTable';
import './credit.pages.i18n';

/** The conditions as "3/4 符合", the unmet ones in the tooltip. */
function ConditionsCell({ repair: r }: { repair: Repair }) {
  const { t } = useTranslation();
  const met = r.conditions.filter((c) => c.met).length;
  const unmet = r.conditions.filter((c) => !c.met);
  const text = t('credit.conditionsMet', { met, total: r.conditions.length });
  if (!unmet.length) return <Typography.Text type="success">{text}</Typography.Text>;
  return (
    <Tooltip title={unmet.map((c) => `${t(`credit.conditions.${c.key}`)}：${c.detail}`).join('\n')}>
      <Typography.Text type="danger" style={{ cursor: 'help' }}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}

/** 信用修复申请: the pending applications first, then all of them by status; each opens its listing to decide. */
export function RepairListPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const columns: TableColumnsType<Repair> = [
    { title: t('credit.appliedAt'), dataIndex: 'appliedAt', className: 'zj-nowrap', render: (v: string, r) => <Link to={listingPath(r.listingId)}>{formatDateTime(v)}</Link> },
    { title: t('credit.uscc'), dataIndex: 'uscc', className: 'zj-nowrap', render: (v: string) => <Link to={archivePath(v)}>{v}</Link> },
    { title: t('common.status'), dataIndex: 'status', className: 'zj-nowrap', render: (v: Repair['status']) => <RepairStatusTag status={v} /> },
    { title: t('credit.conditionsTitle'), key: 'conditions', className: 'zj-nowrap', render: (_: unknown, r) => <ConditionsCell repair={r} /> },
    { title: t('credit.statement'), dataIndex: 'statement', responsive: ['lg'], ellipsis: true },
    { title: t('credit.appliedBy'), dataIndex: 'appliedByName', className: 'zj-nowrap', responsive: ['md'] },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('credit.repairsPending')} size="small">
        <PagedTable testId="repairs-pending" rowKey="id" columns={columns} fetch={(q) => creditApi.repairs({ ...q, status: 'pending' })} />
      </Card>
      <ListPage<Repair, RepairQuery>
        title={t('credit.repairsTitle')}
        fetch={creditApi.repairs}
        rowKey="id"
        columns={columns}
        tableProps={{ scroll: screens.sm ? { x: 'max-content' } : undefined }}
        filters={
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear style={{ width: 140 }} options={REPAIR_STATUSES.map((s) => ({ value: s, label: t(`credit.repairStatuses.${s}`) }))} />
          </Form.Item>
        }
      />
    </Space>
  );
}
