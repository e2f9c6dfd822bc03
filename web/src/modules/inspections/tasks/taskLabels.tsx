import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UncertainMark } from '../../../app/components/UncertainMark';
import { formatDate } from '../../../app/format';
import type { TaskOrigin, TaskState, TaskSummary } from './tasks.api';

// Records make the compiler insist on every value (and their keys list them, in order, for the filters).
const STATE_COLOR: Record<TaskState, string> = {
  assigned: 'blue',
  in_progress: 'processing',
  inspected: 'cyan',
  rectifying: 'orange',
  rechecking: 'gold',
  completed: 'green',
  published: 'default',
};
const ORIGIN_COLOR: Record<TaskOrigin, string> = { draw: 'geekblue', complaint: 'volcano', targeted: 'purple' };

export const TASK_STATES = Object.keys(STATE_COLOR) as TaskState[];

export function TaskStateTag({ state }: { state: TaskState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`inspectionTasks.state.${state}`)}</Tag>;
}

export function OriginTag({ origin }: { origin: TaskOrigin }) {
  const { t } = useTranslation();
  return <Tag color={ORIGIN_COLOR[origin]}>{t(`inspectionTasks.origin.${origin}`)}</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? (
    <Tag color="red" data-testid="overdue-tag">
      {t('inspectionTasks.overdue')}
    </Tag>
  ) : null;
}

/** The current step's deadline, in red with the overdue tag when it has passed. */
export function DeadlineText({ task }: { task: Pick<TaskSummary, 'deadline' | 'overdue' | 'deadlineCertain'> }) {
  const { t } = useTranslation();
  if (!task.deadline) return <Typography.Text type="secondary">{t('inspectionTasks.noDeadline')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Typography.Text type={task.overdue ? 'danger' : undefined}>{formatDate(task.deadline)}</Typography.Text>
      <UncertainMark certain={task.deadlineCertain} />
      <OverdueTag overdue={task.overdue} />
    </Space>
  );
}

/** Select options of the state and origin filters. */
export function useTaskOptions() {
  const { t } = useTranslation();
  return {
    states: TASK_STATES.map((s) => ({ value: s, label: t(`inspectionTasks.state.${s}`) })),
    origins: (Object.keys(ORIGIN_COLOR) as TaskOrigin[]).map((o) => ({ value: o, label: t(`inspectionTasks.origin.${o}`) })),
  };
}
