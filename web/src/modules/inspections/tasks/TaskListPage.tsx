import { App, Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { CheckSquareOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { useNotifyError } from '../../../app/errors';
import { ListPage, type FilterValues } from '../../../app/list/ListPage';
import { CreateTaskModal } from './CreateTaskModal';
import { useTaskOptions } from './taskLabels';
import { useTaskColumns } from './taskColumns';
import { taskPath, tasksApi, type TaskQuery, type TaskSummary } from './tasks.api';
import './tasks.pages.i18n';

function toQuery({ uscc, overdue, ...rest }: FilterValues): Partial<TaskQuery> {
  return {
    ...(rest as Partial<TaskQuery>),
    uscc: (uscc as string | undefined)?.replace(/\s/g, '').toUpperCase(),
    overdue: overdue ? true : undefined,
  };
}

/** 检查任务: every task in the user's scope; completed ones can be selected and published together. */
export function TaskListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const options = useTaskOptions();
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const canPlan = can('inspection.plan');
  const label = (key: string) => t(`inspectionTasks.${key}`);

  const publish = () =>
    modal.confirm({
      title: label('publish'),
      content: t('inspectionTasks.publishConfirm', { count: selected.length }),
      okText: label('publish'),
      onOk: () =>
        tasksApi.publish(selected).then((r) => {
          void message.success(t('inspectionTasks.publishedCount', { count: r.published }));
          setSelected([]);
          setReloadToken((n) => n + 1);
        }, notifyError),
    });

  const columns = useTaskColumns({ withEnterprise: true });

  return (
    <>
      <ListPage<TaskSummary, TaskQuery>
        title={label('title')}
        fetch={tasksApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toQuery={toQuery}
        tableProps={
          canPlan
            ? {
                rowSelection: {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as string[]),
                  getCheckboxProps: (task) => ({ disabled: task.state !== 'completed', 'aria-label': task.enterpriseName }),
                  preserveSelectedRowKeys: true,
                },
                scroll: { x: 1100 },
              }
            : { scroll: { x: 1100 } }
        }
        toolbar={
          canPlan && (
            <Space wrap>
              <Button icon={<CheckSquareOutlined />} disabled={selected.length === 0} onClick={publish}>
                {t('inspectionTasks.publishSelected', { count: selected.length })}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {label('create')}
              </Button>
            </Space>
          )
        }
        filters={
          <>
            <Form.Item name="state" label={t('common.status')}>
              <Select allowClear style={{ width: 140 }} options={options.states} />
            </Form.Item>
            <Form.Item name="origin" label={label('originLabel')}>
              <Select allowClear style={{ width: 140 }} options={options.origins} />
            </Form.Item>
            <Form.Item name="uscc" label={t('enterprises.uscc')}>
              <Input allowClear style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="overdue" valuePropName="checked">
              <Checkbox>{label('overdueOnly')}</Checkbox>
            </Form.Item>
          </>
        }
      />
      <CreateTaskModal open={creating} onClose={() => setCreating(false)} onCreated={(task) => navigate(taskPath(task.id))} />
    </>
  );
}
