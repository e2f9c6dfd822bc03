import { Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { DetailPending } from '../../../app/components/DetailHeader';
import { useAsync } from '../../../app/hooks/useAsync';
import { Loaded, slotItems } from '../../../app/modules/webModule';
import { taskPanels } from '../taskPanels';
import { AnswersCard } from './AnswersCard';
import { ChecklistCard } from './ChecklistCard';
import { FindingsCard } from './FindingsCard';
import { OrdersTimeline } from './OrdersTimeline';
import { TaskActions, useTaskSteps } from './TaskActions';
import { TaskHeader } from './TaskHeader';
import { tasksApi, type Task } from './tasks.api';

/** The page of a task once loaded: the checklist form while the check is open, then the result and its follow-up. */
function TaskView({ task, onChanged, onStale }: { task: Task; onChanged: (task: Task) => void; onStale: () => void }) {
  const steps = useTaskSteps(task);
  const checked = task.state !== 'assigned' && task.state !== 'in_progress';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1200 }}>
      <TaskHeader task={task}>
        <TaskActions task={task} onChanged={onChanged} onStale={onStale} />
      </TaskHeader>
      {steps.answer ? <ChecklistCard task={task} onChanged={onChanged} onStale={onStale} /> : <AnswersCard task={task} />}
      {checked && <FindingsCard task={task} />}
      {checked &&
        task.findings.length > 0 &&
        slotItems(taskPanels)
          .sort((a, b) => a.order - b.order)
          .map(({ key, component: Panel }) => (
            <Loaded key={key}>
              <Panel taskId={task.id} />
            </Loaded>
          ))}
      {(checked || task.rectificationOrders.length > 0) && <OrdersTimeline orders={task.rectificationOrders} />}
    </Space>
  );
}

/**
 * Loads one task; the server answers each change with the task as it now is, which replaces it.
 * A change refused because someone else changed the task meanwhile (412) loads it afresh.
 */
function TaskLoader({ id, onStale }: { id: string; onStale: () => void }) {
  const { data, error, loading } = useAsync(() => tasksApi.get(id), id);
  const [changed, setChanged] = useState<Task>();
  const task = changed ?? data;
  if (!task) return <DetailPending error={error} loading={loading} />;
  return <TaskView task={task} onChanged={setChanged} onStale={onStale} />;
}

/** 检查任务详情 (mobile-friendly: one column of cards, large buttons); a new id, or a reload after a 412, starts afresh. */
export function TaskDetailPage() {
  const id = useParams().id ?? '';
  const [loads, setLoads] = useState(0);
  return <TaskLoader key={`${id}:${loads}`} id={id} onStale={() => setLoads((n) => n + 1)} />;
}
