import { Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { answerField, answerRules, noteField } from './checklistForm';
import { PhotoPicker } from './PhotoPicker';
import type { TaskQuestion } from './tasks.api';
import './tasks.pages.i18n';

/**
 * What Form.Item passes to its child: the id its label points at, the value and its change
 * handler (typed `never` as they go to whichever input the answer type needs).
 */
interface Control {
  id?: string;
  value?: never;
  onChange?: never;
}

/** The input of one answer type (Form.Item's value and onChange are passed on to it). */
function AnswerInput({ question: q, taskId, ...control }: { question: TaskQuestion; taskId: string } & Control) {
  const { t } = useTranslation();
  switch (q.answerType) {
    case 'yes_no':
      return (
        <Radio.Group
          {...control}
          size="large"
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('inspectionTasks.yes') },
            { value: false, label: t('inspectionTasks.no') },
          ]}
        />
      );
    case 'number':
      return <InputNumber {...control} size="large" inputMode="decimal" style={{ width: '100%', maxWidth: 240 }} />;
    case 'text':
      return <Input.TextArea {...control} rows={2} maxLength={2000} />;
    case 'photo':
      return <PhotoPicker {...control} taskId={taskId} caption={q.text} questionKey={q.key} />;
  }
}

/** One checklist question: its answer (by type) and an optional note; a yes/no question says what a "no" records. */
export function QuestionField({ question: q, index, taskId }: { question: TaskQuestion; index: number; taskId: string }) {
  const { t } = useTranslation();
  const finding = q.answerType === 'yes_no' && q.finding ? t('inspectionTasks.findingIfNo', { text: q.finding.text }) : undefined;
  return (
    <div data-testid={`question-${q.key}`} style={{ paddingBottom: 8, marginBottom: 16, borderBottom: '1px solid #f0f0f0' }}>
      <Form.Item
        name={answerField(q.key)}
        label={`${index + 1}. ${q.text}`}
        rules={answerRules(q, t)}
        extra={finding && <Typography.Text type="warning">{finding}</Typography.Text>}
        style={{ marginBottom: 8 }}
      >
        <AnswerInput question={q} taskId={taskId} />
      </Form.Item>
      <Form.Item name={noteField(q.key)} style={{ marginBottom: 0 }}>
        <Input placeholder={t('inspectionTasks.notePlaceholder')} aria-label={`${q.text} ${t('inspectionTasks.note')}`} maxLength={1000} />
      </Form.Item>
    </div>
  );
}
