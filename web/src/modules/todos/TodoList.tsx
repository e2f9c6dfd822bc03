import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { useAsync } from '../../app/hooks/useAsync';
import './todos.i18n';
import { todosApi, type Todo } from './todos.api';
import { todayInChina } from '../../app/format';
import { errorText, useNotifyError } from '../../app/errors';

const PAGE_SIZE = 10;

/** The item worded in the user's language from its parts; items raised before they had parts keep the server's title. */
function todoText(t: TFunction, todo: Todo): string {
  const { state, result, stage, ...params } = todo.params;
  if (Object.keys(todo.params).length === 0) return todo.title;
  const words = {
    ...(state ? { measure: t(`licenceState.${state}`) } : {}),
    ...(result ? { result: t(`todos.result.${result}`, { defaultValue: result }) } : {}),
    ...(stage ? { step: t(`todos.followupStep.${stage}`, { defaultValue: params.step }) } : {}),
  };
  return t(`todos.text.${todo.kind}`, { ...params, ...words, defaultValue: todo.title });
}

/** The item's due date, red once past, with the mark (⚠ and the reason) of a date counted over a year without holiday data. */
function DueTag({ todo }: { todo: Todo }) {
  const { t } = useTranslation();
  if (!todo.dueOn) return null;
  const overdue = dayjs(todo.dueOn).isBefore(todayInChina(), 'day');
  return (
    <WorkingDayDate certain={todo.dueCertain}>
      <Typography.Text type={overdue ? 'danger' : 'secondary'}>
        {t('todos.due')} {todo.dueOn}
        {overdue && ` · ${t('todos.overdue')}`}
      </Typography.Text>
    </WorkingDayDate>
  );
}

/** The signed-in user's to-do items (from every module), on the home page; an enterprise's link to its own pages (/my/…). */
export function TodoList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const notifyError = useNotifyError();
  const { data, loading, error, reload } = useAsync(() => todosApi.list({ page, pageSize: PAGE_SIZE }), page);

  const done = (todo: Todo) =>
    todosApi.done(todo.id).then(() => {
      void message.success(t('todos.markedDone'));
      reload();
    }, notifyError);

  return (
    <Card title={t('todos.title')} data-testid="todo-list" extra={data && <Typography.Text type="secondary">{t('todos.total', { count: data.total })}</Typography.Text>}>
      {!!error && <Alert type="error" showIcon message={t('todos.loadFailed')} description={errorText(error, t)} style={{ marginBottom: 12 }} />}
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('todos.empty') }}
        pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small' } : false}
        renderItem={(todo) => (
          <List.Item
            actions={[
              <Button key="done" size="small" onClick={() => void done(todo)}>
                {t('todos.done')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="orange">{t(`todos.kind.${todo.kind}`, { defaultValue: todo.kind })}</Tag>
                  <Link to={todo.link}>{todoText(t, todo)}</Link>
                </Space>
              }
              description={<DueTag todo={todo} />}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
