import { Card, Flex, List, Select, Space, Switch, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/errorText';
import { useAsync } from '../../../app/hooks/useAsync';
import { DeadlineText, OriginTag, TaskStateTag, useTaskOptions } from './taskLabels';
import { taskPath, tasksApi, type TaskState, type TaskSummary } from './tasks.api';
import './tasks.pages.i18n';

const PAGE_SIZE = 20;

/** One task as a card: the whole card is the link (a large touch target). */
function TaskCard({ task }: { task: TaskSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={taskPath(task.id)} style={{ display: 'block', width: '100%' }} data-testid="my-task">
      <Card size="small" hoverable styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" gap={12}>
          <Space direction="vertical" size={4} style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {task.enterpriseName}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
              {task.objectKey}
            </Typography.Text>
            <Typography.Text type="secondary">{task.itemName}</Typography.Text>
            <Space size={[4, 4]} wrap>
              <TaskStateTag state={task.state} />
              <OriginTag origin={task.origin} />
            </Space>
            <Space size={4} wrap>
              <Typography.Text type="secondary">{t('inspectionTasks.deadline')}</Typography.Text>
              <DeadlineText task={task} />
            </Space>
          </Space>
          <RightOutlined style={{ color: '#999' }} />
        </Flex>
      </Card>
    </Link>
  );
}

/** 我的检查任务: the inspector's own tasks as cards, for a phone on site. */
export function MyTaskListPage() {
  const { t } = useTranslation();
  const { states } = useTaskOptions();
  const [state, setState] = useState<TaskState>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const { data, error, loading } = useAsync(
    () => tasksApi.list({ mine: true, state, overdue: overdue || undefined, page, pageSize: PAGE_SIZE }),
    `${state ?? ''}|${overdue}|${page}`,
  );
  const filter = (apply: () => void) => {
    apply();
    setPage(1);
  };

  return (
    <Card title={t('inspectionTasks.titleMine')} styles={{ body: { padding: 12 } }}>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Select<TaskState>
          size="large"
          allowClear
          placeholder={t('inspectionTasks.allStates')}
          aria-label={t('common.status')}
          options={states}
          value={state}
          onChange={(v) => filter(() => setState(v))}
          style={{ flex: '1 1 180px', maxWidth: 320 }}
        />
        <Space>
          <Switch checked={overdue} onChange={(v) => filter(() => setOverdue(v))} aria-label={t('inspectionTasks.overdueOnly')} />
          {t('inspectionTasks.overdueOnly')}
        </Space>
      </Flex>
      <List<TaskSummary>
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: error ? errorText(error, t) : t('inspectionTasks.empty') }}
        split={false}
        rowKey="id"
        pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small', align: 'center' } : false}
        renderItem={(task) => (
          <List.Item style={{ padding: '6px 0' }}>
            <TaskCard task={task} />
          </List.Item>
        )}
      />
    </Card>
  );
}
