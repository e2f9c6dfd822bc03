import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useAsync } from '../../app/hooks/useAsync';
import { onChange } from '../../api/client';
import './todos.i18n';
import { todosApi } from './todos.api';

/** The header's count of the user's open to-dos, linking to the list on the home page; refreshed on every navigation and after every change the user makes (a step may close a to-do). */
export function TodoBadge() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { data, reload } = useAsync(() => todosApi.list({ page: 1, pageSize: 1 }), pathname);
  useEffect(() => onChange(reload), [reload]);
  const count = data?.total ?? 0;
  return (
    <Link to="/" aria-label={t('todos.badge', { count })} title={t('todos.badge', { count })} data-testid="todo-badge" data-count={data ? count : undefined} style={{ flex: 'none' }}>
      <Badge count={count} overflowCount={99} size="small">
        <Button type="text" icon={<BellOutlined />} style={{ color: '#fff' }} tabIndex={-1} />
      </Badge>
    </Link>
  );
}
