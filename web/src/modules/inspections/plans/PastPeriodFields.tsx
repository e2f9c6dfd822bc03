import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../../app/format';
import '../planning.pages.i18n';

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/**
 * The chosen quarters that ended before today, and whether all did (then the plan's tasks, due at
 * the end of its last quarter, would be overdue from the start; the server asks for a reason).
 */
export function pastQuarters(year: number | undefined, quarters: readonly number[] | undefined, today = todayInChina().format('YYYY-MM-DD')) {
  if (!year || !quarters || quarters.length === 0) return { past: [] as number[], allPast: false };
  const past = [...quarters].sort().filter((q) => `${year}-${QUARTER_ENDS[q - 1]}` < today);
  return { past, allPast: past.length === quarters.length };
}

/**
 * Under a plan's year and quarters: a warning when every chosen quarter has ended, and the reason
 * to make the plan anyway (required then; stored with the plan and audited).
 */
export function PastPeriodFields({ defaultQuarters }: { defaultQuarters?: number[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const year = Form.useWatch('year', form) as number | undefined;
  const quarters = (Form.useWatch('quarters', form) as number[] | undefined) ?? defaultQuarters;
  const { past, allPast } = pastQuarters(year, quarters);
  if (!allPast) return null;
  const label = t('inspectionPlans.plans.pastPeriodReason');
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="plan-past-warning"
        style={{ marginBottom: 16 }}
        message={t('inspectionPlans.plans.pastPeriodWarning', { year, quarters: past.join('、') })}
      />
      <Form.Item
        name="pastPeriodReason"
        label={label}
        extra={t('inspectionPlans.plans.pastPeriodReasonHint')}
        rules={[{ required: true, whitespace: true, message: t('inspectionPlans.plans.pastPeriodReasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}
