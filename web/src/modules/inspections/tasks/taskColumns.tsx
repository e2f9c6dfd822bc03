import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DeadlineText, OriginTag, TaskStateTag } from './taskLabels';
import { taskPath, type TaskSummary } from './tasks.api';
import './tasks.pages.i18n';

/** The columns of a task table; `withEnterprise: false` on the enterprise's own page (the item links instead). */
export function useTaskColumns({ withEnterprise }: { withEnterprise: boolean }): TableColumnsType<TaskSummary> {
  const { t } = useTranslation();
  const label = (key: string) => t(`inspectionTasks.${key}`);
  return [
    ...(withEnterprise
      ? [
          { title: label('enterprise'), dataIndex: 'enterpriseName', render: (v: string, task: TaskSummary) => <Link to={taskPath(task.id)}>{v}</Link> },
          { title: t('enterprises.uscc'), className: 'zj-nowrap', dataIndex: 'objectKey', width: 190 },
          { title: label('item'), dataIndex: 'itemName' },
        ]
      : [{ title: label('item'), dataIndex: 'itemName', render: (v: string, task: TaskSummary) => <Link to={taskPath(task.id)}>{v}</Link> }]),
    { title: label('originLabel'), dataIndex: 'origin', width: 110, render: (_: unknown, task: TaskSummary) => <OriginTag origin={task.origin} /> },
    { title: label('plan'), dataIndex: 'planName', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'state', width: 100, render: (_: unknown, task: TaskSummary) => <TaskStateTag state={task.state} /> },
    { title: label('deadline'), className: 'zj-nowrap', dataIndex: 'deadline', width: 170, render: (_: unknown, task: TaskSummary) => <DeadlineText task={task} /> },
    { title: label('result'), dataIndex: 'resultCategory', render: (v: string | null) => v ?? '—' },
  ];
}
