import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SeverityTag } from '../labels';
import type { Task } from './tasks.api';
import './tasks.pages.i18n';

/** The problems found by the check: from "no" answers of the checklist, then the inspector's own. */
export function FindingsCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const questionText = new Map(task.checklist.map((q) => [q.key, q.text]));
  return (
    <Card title={t('inspectionTasks.findings')} data-testid="task-findings">
      <List
        dataSource={task.findings}
        locale={{ emptyText: t('inspectionTasks.noFindings') }}
        renderItem={(f) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <SeverityTag severity={f.severity} />
                <Typography.Text>{f.text}</Typography.Text>
              </Space>
              <Typography.Text type="secondary">
                {f.questionKey ? t('inspectionTasks.fromQuestion', { text: questionText.get(f.questionKey) ?? f.questionKey }) : t('inspectionTasks.fromInspector')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
