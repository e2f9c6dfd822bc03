import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfList } from './SelfList';

export const TASK_STATE_COLORS: Record<string, string> = { assigned: 'default', in_progress: 'processing', inspected: 'blue', rectifying: 'orange', rechecking: 'gold', completed: 'green', published: 'green' };

/** 检查记录: the inspections of the enterprise, newest first, those with rectification open marked. */
export function MyInspectionsPage() {
  const { t } = useTranslation();
  return (
    <SelfList
      title={t('entSelf.menuInspections')}
      testId="my-inspections"
      load={enterpriseSelfApi.tasks}
      rowKey={(task) => task.id}
      linkOf={(task) => `/my/inspections/${task.id}`}
      rowTestId="my-inspection-row"
      row={(task) => (
        <Space direction="vertical" size={2}>
          <Space wrap size={4}>
            <Typography.Text strong>{task.itemName}</Typography.Text>
            <Tag color={TASK_STATE_COLORS[task.state]}>{t(`inspectionTasks.state.${task.state}`)}</Tag>
            {task.state === 'rectifying' && task.overdue && <Tag color="red">{t('entSelf.overdue')}</Tag>}
          </Space>
          {task.resultCategory && <Typography.Text>{task.resultCategory}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entSelf.inspectedOn')} {formatDate(task.inspectedOn)}
            {task.state === 'rectifying' && task.deadline ? ` · ${t('entSelf.dueOn')} ${formatDate(task.deadline)}` : ''}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
