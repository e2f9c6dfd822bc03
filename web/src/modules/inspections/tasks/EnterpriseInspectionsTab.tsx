import { Table } from 'antd';
import { useAsync } from '../../../app/hooks/useAsync';
import type { EnterpriseTabProps } from '../../enterprises';
import { useTaskColumns } from './taskColumns';
import { tasksApi, type TaskSummary } from './tasks.api';

/** The enterprise detail tab listing its inspection tasks (drawn, complaint-driven or targeted), newest state first. */
export function EnterpriseInspectionsTab({ enterprise }: EnterpriseTabProps) {
  const columns = useTaskColumns({ withEnterprise: false });
  const { data, loading } = useAsync(() => tasksApi.list({ uscc: enterprise.uscc, pageSize: 500 }), enterprise.uscc);
  return <Table<TaskSummary> size="middle" rowKey="id" columns={columns} dataSource={data?.items} loading={loading} scroll={{ x: 900 }} />;
}
