import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { tasksApi, type Task } from './tasks.api';
import { isAfterToday, todayInChina } from '../../../app/format';
import './tasks.pages.i18n';

/** The steps after the check that take a dialog. */
export type Step = 'rectify' | 'report' | 'recheck' | 'complete';

/** Every field of the step dialogs, named as the server names them in `details.field`. */
interface StepValues {
  requirements: string;
  workingDays: number;
  reportText: string;
  reportedOn: Dayjs;
  passed: boolean;
  note: string;
  recheckedOn: Dayjs;
  resultCategory: string;
  resultNote?: string;
}

const FIELDS = ['requirements', 'workingDays', 'reportText', 'reportedOn', 'passed', 'note', 'recheckedOn', 'resultCategory', 'resultNote'] as const satisfies readonly (keyof StepValues)[];
const MAX_WORKING_DAYS = 120;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Saves a step: the latest rectification order is the one reported on and re-checked. */
function save(step: Step, task: Task, v: StepValues): Promise<Task> {
  const orderId = task.rectificationOrders.at(-1)?.id ?? '';
  switch (step) {
    case 'rectify':
      return tasksApi.rectify(task.id, { requirements: v.requirements.trim(), workingDays: v.workingDays }, task.version);
    case 'report':
      return tasksApi.report(orderId, { reportText: v.reportText.trim(), reportedOn: day(v.reportedOn) }, task.version);
    case 'recheck':
      return tasksApi.recheck(orderId, { passed: v.passed, note: v.note.trim(), recheckedOn: day(v.recheckedOn) }, task.version);
    case 'complete':
      return tasksApi.complete(task.id, { resultCategory: v.resultCategory, resultNote: v.resultNote?.trim() || null }, task.version);
  }
}

/** The fields of one step. */
function StepFields({ step, task }: { step: Step; task: Task }) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const label = (key: string) => t(`inspectionTasks.${key}`);
  const date = (name: keyof StepValues) => (
    <Form.Item name={name} label={label(name)} rules={selectRequired(label(name))}>
      <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
    </Form.Item>
  );
  const text = (name: keyof StepValues, max: number, { optional = false, labelKey = name as string } = {}) => (
    <Form.Item name={name} label={label(labelKey)} rules={optional ? [] : required(label(labelKey))}>
      <Input.TextArea rows={4} maxLength={max} showCount />
    </Form.Item>
  );
  switch (step) {
    case 'rectify':
      return (
        <>
          {text('requirements', 2000)}
          <Form.Item name="workingDays" label={label('workingDays')} extra={label('workingDaysHint')} rules={selectRequired(label('workingDays'))}>
            <InputNumber min={1} max={MAX_WORKING_DAYS} precision={0} style={{ width: '100%' }} addonAfter={label('workingDaysUnit')} />
          </Form.Item>
        </>
      );
    case 'report':
      return (
        <>
          {text('reportText', 4000)}
          {date('reportedOn')}
        </>
      );
    case 'recheck':
      return (
        <>
          <Form.Item name="passed" label={label('recheckResult')} rules={selectRequired(label('recheckResult'))}>
            <Radio.Group
              size="large"
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: label('passed') },
                { value: false, label: label('failed') },
              ]}
            />
          </Form.Item>
          {text('note', 2000, { labelKey: 'recheckNote' })}
          {date('recheckedOn')}
        </>
      );
    case 'complete':
      return (
        <>
          <Form.Item name="resultCategory" label={label('resultCategory')} rules={selectRequired(label('resultCategory'))}>
            <Select size="large" options={task.resultCategories.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          {text('resultNote', 1000, { optional: true })}
        </>
      );
  }
}

interface Props {
  /** The step whose dialog is open, or null. */
  step: Step | null;
  task: Task;
  onClose: () => void;
  onDone: (task: Task) => void;
  /** Someone else changed the task since it was loaded: load it again (see FormModal). */
  onStale: () => void;
}

/** The dialog of a step: 下达整改通知, 录入整改报告, 复查, 办结. */
export function StepModal({ step, task, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const today = todayInChina();
  return (
    <FormModal<StepValues>
      open={!!step}
      title={step && t(`inspectionTasks.${step}`)}
      okText={t('common.ok')}
      initialValues={{ reportedOn: today, recheckedOn: today }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onDone(await save(step!, task, v))}
      onClose={onClose}
      onStale={onStale}
    >
      {step && <StepFields step={step} task={task} />}
    </FormModal>
  );
}
