import { Descriptions, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listOf, withNote } from '../../../app/i18n/punctuation';
import { useAuth } from '../../../app/auth/AuthContext';
import { DetailHeader } from '../../../app/components/DetailHeader';
import { WorkingDayDate } from '../../../app/components/UncertainMark';
import { formatDate, formatDateTime } from '../../../app/format';
import { DeadlineText, OriginTag, OverdueTag, TaskStateTag } from './taskLabels';
import type { Task } from './tasks.api';
import './tasks.pages.i18n';

/** A task's inspector; `certificateNo` once the server sends it (issue 13: names with certificate numbers). */
type TaskInspector = Task['inspectors'][number] & { certificateNo?: string | null };

/** The task's header: enterprise, item, origin, state and overdue flag, the deadlines and the result; `children` below (the actions). */
export function TaskHeader({ task, children }: { task: Task; children?: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const label = (key: string) => t(`inspectionTasks.${key}`);
  const optional = (key: string, value: string | null, render: (v: string) => ReactNode = (v) => v) =>
    value ? [{ key, label: label(key), children: render(value) }] : [];
  const person = (i: TaskInspector) => (i.certificateNo ? withNote(t, i.name, i.certificateNo) : i.name);
  const back = task.assignedToMe && can('inspection.perform') ? { path: '/my-inspection-tasks', label: label('backToMine') } : { path: '/inspection-tasks', label: label('backToList') };

  return (
    <DetailHeader
      testId="task-header"
      back={back}
      title={task.enterpriseName}
      tags={
        <Space size={4} wrap>
          <TaskStateTag state={task.state} />
          <OriginTag origin={task.origin} />
          <OverdueTag overdue={task.overdue} />
        </Space>
      }
      subtitle={`${task.itemName} · ${task.objectKey}`}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="task-fields"
        items={[
          { key: 'deadline', label: label('deadline'), children: <DeadlineText task={task} /> },
          { key: 'dueOn', label: label('dueOn'), children: formatDate(task.dueOn) },
          { key: 'inspectors', label: label('inspectors'), children: <span data-testid="task-inspectors">{listOf(t, task.inspectors.map(person))}</span> },
          ...optional('plan', task.planName),
          ...optional('originNote', task.originNote),
          ...optional('inspectedOn', task.inspectedOn, formatDate),
          ...optional('result', task.resultCategory),
          ...optional('resultNote', task.resultNote),
          ...optional('completedOn', task.completedOn, formatDate),
          ...optional('publishDueOn', task.state === 'completed' ? task.publishDueOn : null, (v) => <WorkingDayDate certain={task.publishDueCertain}>{formatDate(v)}</WorkingDayDate>),
          ...optional('publishedAt', task.publishedAt, (v) => formatDateTime(v)),
        ]}
      />
      {children}
    </DetailHeader>
  );
}
