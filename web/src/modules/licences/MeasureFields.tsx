import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import type { TransitionInput, TransitionTarget } from './licences.api';
import { todayInChina } from '../../app/format';

/** The server's longest change deadline, in working days. */
const MAX_DEADLINE_WORKING_DAYS = 250;

/** The form values of a measure (dates as dayjs, as the pickers hold them). */
export interface MeasureValues {
  to: TransitionTarget;
  reason: string;
  legalBasis: string;
  documentNo: string;
  reviewOn?: Dayjs;
  deadlineWorkingDays?: number;
}

/** The measure's field names, as the server names them in `details.field`. */
export const MEASURE_FIELDS = ['to', 'reason', 'legalBasis', 'documentNo', 'reviewOn', 'deadlineWorkingDays'] as const satisfies readonly (keyof MeasureValues)[];

export function toTransitionInput(v: MeasureValues): TransitionInput {
  return {
    to: v.to,
    reason: v.reason.trim(),
    legalBasis: v.legalBasis.trim(),
    documentNo: v.documentNo.trim(),
    reviewOn: v.reviewOn?.format('YYYY-MM-DD'),
    deadlineWorkingDays: v.deadlineWorkingDays,
  };
}

/** The field a target needs: a review date for warning, a deadline in working days for an order to change. */
function TargetField() {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const form = Form.useFormInstance<MeasureValues>();
  const to = Form.useWatch('to', form);
  if (to === 'warning') {
    return (
      <Form.Item name="reviewOn" label={t('licences.reviewOn')} rules={selectRequired(t('licences.reviewOn'))}>
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => !d.isAfter(todayInChina(), 'day')} />
      </Form.Item>
    );
  }
  if (to === 'changeOrdered') {
    return (
      <Form.Item name="deadlineWorkingDays" label={t('licences.deadlineWorkingDays')} rules={selectRequired(t('licences.deadlineWorkingDays'))} extra={t('licences.deadlineHint')}>
        <InputNumber min={1} max={MAX_DEADLINE_WORKING_DAYS} precision={0} style={{ width: '100%' }} addonAfter={t('licences.workingDays')} />
      </Form.Item>
    );
  }
  return null;
}

/**
 * The fields of a supervision measure, inside a form: the target (only those given, i.e. allowed
 * from the licence's state), reason, legal basis, decision document number, and what the target needs.
 */
export function MeasureFields({ targets }: { targets: readonly TransitionTarget[] }) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  return (
    <>
      <Form.Item name="to" label={t('licences.target')} rules={selectRequired(t('licences.target'))}>
        <Select showSearch optionFilterProp="label" options={targets.map((s) => ({ value: s, label: t(`licenceState.${s}`) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('licences.reason')} rules={required(t('licences.reason'))}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('licences.legalBasis')} rules={required(t('licences.legalBasis'))}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="documentNo" label={t('licences.documentNo')} rules={required(t('licences.documentNo'))}>
        <Input maxLength={100} />
      </Form.Item>
      <TargetField />
    </>
  );
}
