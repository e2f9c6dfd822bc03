import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PhotoThumbs } from './PhotoPicker';
import type { Task, TaskAnswer, TaskQuestion } from './tasks.api';
import './tasks.pages.i18n';

function AnswerText({ question: q, answer, taskId }: { question: TaskQuestion; answer?: TaskAnswer; taskId: string }) {
  const { t } = useTranslation();
  const value = answer?.value;
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">{t('inspectionTasks.noAnswer')}</Typography.Text>;
  }
  if (q.answerType === 'yes_no') return <Tag color={value ? 'green' : 'red'}>{t(value ? 'inspectionTasks.yes' : 'inspectionTasks.no')}</Tag>;
  if (Array.isArray(value)) return <PhotoThumbs taskId={taskId} ids={value} />;
  return <Typography.Text>{String(value)}</Typography.Text>;
}

/** The checklist with its answers, read only (after submission, or for those who do not carry out the check). */
export function AnswersCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const photosInAnswers = new Set(Object.values(task.answers).flatMap((a) => (Array.isArray(a.value) ? a.value : [])));
  const otherPhotos = task.photos.filter((p) => !photosInAnswers.has(p.id)).map((p) => p.id);
  return (
    <Card title={t('inspectionTasks.checklist')} data-testid="task-answers" styles={{ body: { paddingTop: 8 } }}>
      <List
        dataSource={task.checklist}
        rowKey="key"
        renderItem={(q, i) => {
          const answer = task.answers[q.key];
          return (
            <List.Item>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>
                  {i + 1}. {q.text}
                </Typography.Text>
                <AnswerText question={q} answer={answer} taskId={task.id} />
                {answer?.note && <Typography.Text type="secondary">{answer.note}</Typography.Text>}
              </Space>
            </List.Item>
          );
        }}
      />
      {otherPhotos.length > 0 && (
        <Space direction="vertical" style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('inspectionTasks.otherPhotos')}</Typography.Text>
          <PhotoThumbs taskId={task.id} ids={otherPhotos} />
        </Space>
      )}
    </Card>
  );
}
