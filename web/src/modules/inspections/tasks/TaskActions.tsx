import { App, Button, Flex } from 'antd';
import { CheckCircleOutlined, FileDoneOutlined, FileTextOutlined, GlobalOutlined, ReconciliationOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { useNotifyError } from '../../../app/errors';
import { StepModal, type Step } from './StepModal';
import { tasksApi, type Task } from './tasks.api';
import './tasks.pages.i18n';

/** What the user may do on the task now: by its state, whether they are one of its inspectors, and their permissions. */
export function useTaskSteps(task: Task) {
  const { can } = useAuth();
  const inspector = task.assignedToMe && can('inspection.perform');
  const officer = can('inspection.plan');
  return {
    answer: inspector && (task.state === 'assigned' || task.state === 'in_progress'),
    rectify: inspector && task.state === 'inspected' && task.findings.length > 0,
    report: (inspector || officer) && task.state === 'rectifying',
    recheck: inspector && task.state === 'rechecking',
    complete: inspector && task.state === 'inspected',
    publish: officer && task.state === 'completed',
  };
}

const STEP_ICONS: Record<Step, ReactNode> = {
  rectify: <FileTextOutlined />,
  report: <ReconciliationOutlined />,
  recheck: <FileDoneOutlined />,
  complete: <CheckCircleOutlined />,
};

/** The buttons of the steps after the check (only those allowed now), and their dialogs. */
export function TaskActions({ task, onChanged, onStale }: { task: Task; onChanged: (task: Task) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const allowed = useTaskSteps(task);
  const [step, setStep] = useState<Step | null>(null);
  const steps = (Object.keys(STEP_ICONS) as Step[]).filter((s) => allowed[s]);
  if (steps.length === 0 && !allowed.publish) return null;

  const publish = () =>
    modal.confirm({
      title: t('inspectionTasks.publish'),
      content: t('inspectionTasks.publishConfirm', { count: 1 }),
      okText: t('inspectionTasks.publish'),
      onOk: () =>
        tasksApi
          .publish([task.id])
          .then(() => tasksApi.get(task.id))
          .then((updated) => {
            void message.success(t('inspectionTasks.publishedCount', { count: 1 }));
            onChanged(updated);
          }, notifyError),
    });

  return (
    <Flex gap={8} wrap data-testid="task-actions">
      {steps.map((s) => (
        <Button key={s} size="large" type={s === 'complete' ? 'default' : 'primary'} icon={STEP_ICONS[s]} onClick={() => setStep(s)}>
          {t(`inspectionTasks.${s}`)}
        </Button>
      ))}
      {allowed.publish && (
        <Button size="large" type="primary" icon={<GlobalOutlined />} onClick={publish}>
          {t('inspectionTasks.publish')}
        </Button>
      )}
      <StepModal
        step={step}
        task={task}
        onClose={() => setStep(null)}
        onDone={(updated) => {
          void message.success(t(`inspectionTasks.done.${step}`));
          onChanged(updated);
        }}
        onStale={onStale}
      />
    </Flex>
  );
}
