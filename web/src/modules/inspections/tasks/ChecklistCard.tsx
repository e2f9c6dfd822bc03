import { App, Button, Card, Flex, Form, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { ServerFieldError } from '../../../app/components/ServerFieldError';
import { isStale } from '../../../api/client';
import { useNotifyError } from '../../../app/errors';
import { namedFieldError, type FieldError } from '../../../app/hooks/useServerFieldError';
import { useUnsavedChangesGuard } from '../../../app/hooks/useUnsavedChangesGuard';
import { answerField, toAnswers, type ChecklistValues } from './checklistForm';
import { PhotoTask } from './PhotoPicker';
import { QuestionField } from './QuestionField';
import { SubmitModal, type SubmitValues } from './SubmitModal';
import { tasksApi, type Task } from './tasks.api';
import { initialChecklistValues, useChecklistAutosave } from './useChecklistAutosave';
import './tasks.pages.i18n';

interface Props {
  task: Task;
  /** After a save or the submission: the task as the server answered it. */
  onChanged: (task: Task) => void;
  /** Someone else changed the task since it was loaded (412): load it again. */
  onStale: () => void;
}

/**
 * The checklist as a form for the assigned inspector: every change is saved as a draft on its own
 * (暂存 saves at once), kept on this device while offline; leaving with unsaved answers asks
 * first; then submit the result (提交检查结果).
 */
export function ChecklistCard({ task, onChanged, onStale }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<ChecklistValues>();
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const userId = useAuth().user!.id;
  const [initial] = useState(() => initialChecklistValues(task, userId));
  const answerError = namedFieldError(task.checklist.map((q) => answerField(q.key)));
  /** An error about one answer is shown under that question; others as usual. */
  const showError = (err: unknown) => {
    const onField = answerError(err);
    if (!onField) return notifyError(err);
    setFieldError(onField);
    form.scrollToField(onField.field);
    void message.error(onField.message);
  };
  const autosave = useChecklistAutosave({
    task,
    userId,
    form,
    onSaved: onChanged,
    onStale: () => {
      void message.warning(t('errors.staleReloaded'));
      onStale();
    },
    onError: showError,
  });
  useUnsavedChangesGuard(autosave.dirty, {
    title: t('inspectionTasks.unsavedTitle'),
    content: t('inspectionTasks.unsavedContent'),
    ok: t('inspectionTasks.unsavedLeave'),
    cancel: t('inspectionTasks.unsavedStay'),
  });
  // answers left unsaved on this device last time: shown, and sent now
  useEffect(() => {
    if (!initial.restored) return;
    void message.info(t('inspectionTasks.draftRestored'));
    autosave.changed();
    // once, on opening the checklist
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Runs a save; an error about one answer is shown under that question (and the promise resolves). */
  const onAnswers = async (save: () => Promise<Task>, done: string) => {
    try {
      onChanged(await save());
      void message.success(done);
    } catch (err) {
      if (isStale(err)) {
        // The other inspector saved or submitted meanwhile: show the task as it is now.
        void message.warning(t('errors.staleReloaded'));
        onStale();
        return;
      }
      const onField = answerError(err);
      if (!onField) throw err;
      setFieldError(onField);
      form.scrollToField(onField.field);
      void message.error(onField.message);
    }
  };

  const saveDraft = () => {
    setSaving(true);
    autosave
      .save()
      .then((status) => {
        if (status === 'saved' || status === 'pending') void message.success(t('inspectionTasks.draftSaved'));
        else if (status === 'offline') void message.warning(t('inspectionTasks.autosave.offline'));
      })
      .finally(() => setSaving(false));
  };

  const openSubmit = () =>
    form.validateFields().then(
      () => setSubmitting(true),
      (info: { errorFields?: { name: (string | number)[] }[] }) => {
        const first = info.errorFields?.[0];
        if (first) form.scrollToField(first.name);
      },
    );

  const submit = (v: SubmitValues) =>
    onAnswers(
      () =>
        autosave.run((version) =>
          tasksApi.submit(task.id, {
            answers: toAnswers(task.checklist, form.getFieldsValue(true)),
            findings: (v.findings ?? []).map((f) => ({ text: f.text.trim(), severity: f.severity })),
            inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
          }, version).then((done) => {
            autosave.close();
            return done;
          }),
        ),
      t('inspectionTasks.submitted'),
    );

  return (
    <Card title={t('inspectionTasks.checklist')} data-testid="task-checklist" styles={{ body: { padding: 16 } }}>
      <Form form={form} name="checklist" layout="vertical" initialValues={initial.values} onValuesChange={(changedValues: ChecklistValues) => autosave.changed(changedValues)}>
        <ServerFieldError error={fieldError} />
        <PhotoTask.Provider value={{ run: autosave.run, setVersion: autosave.setVersion, onChanged, onStale }}>
          {task.checklist.map((q, i) => (
            <QuestionField key={q.key} question={q} index={i} taskId={task.id} />
          ))}
        </PhotoTask.Provider>
        <Typography.Text type={autosave.status === 'offline' || autosave.status === 'error' ? 'warning' : 'secondary'} data-testid="autosave-status" aria-live="polite" style={{ display: 'block', marginBottom: 8 }}>
          {autosave.status === 'idle' ? t('inspectionTasks.autosaveHint') : t(`inspectionTasks.autosave.${autosave.status}`)}
        </Typography.Text>
        <Flex gap={12} wrap>
          <Button size="large" icon={<SaveOutlined />} loading={saving} onClick={saveDraft} style={{ flex: '1 1 140px' }}>
            {t('inspectionTasks.saveDraft')}
          </Button>
          <Button size="large" type="primary" icon={<SendOutlined />} onClick={() => void openSubmit()} style={{ flex: '1 1 140px' }}>
            {t('inspectionTasks.submit')}
          </Button>
        </Flex>
      </Form>
      <SubmitModal open={submitting} onClose={() => setSubmitting(false)} onSubmit={submit} />
    </Card>
  );
}
