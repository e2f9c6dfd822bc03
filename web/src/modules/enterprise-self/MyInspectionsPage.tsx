import { Card, List, Space, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfFrame } from './SelfFrame';

const PAGE_SIZE = 20;
export const TASK_STATE_COLORS: Record<string, string> = { assigned: 'default', in_progress: 'processing', inspected: 'blue', rectifying: 'orange', rechecking: 'gold', completed: 'green', published: 'green' };

/** 检查记录: the inspections of the enterprise, newest first, those with rectification open marked. */
export function MyInspectionsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => enterpriseSelfApi.tasks({ page, pageSize: PAGE_SIZE }), page);
  return (
    <SelfFrame title={t('entSelf.menuInspections')} error={error} testId="my-inspections">
      <Card styles={{ body: { padding: '4px 16px' } }}>
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('entSelf.none') }}
          pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(task) => (
            <List.Item extra={<RightOutlined style={{ color: '#999' }} />}>
              <Link to={`/my/inspections/${task.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }} data-testid="my-inspection-row">
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
              </Link>
            </List.Item>
          )}
        />
      </Card>
    </SelfFrame>
  );
}
