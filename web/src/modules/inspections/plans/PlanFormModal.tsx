import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { plansApi, type Plan, type PlanInput, type PlanMode } from '../inspections.api';
import { useInspectionOptions } from '../labels';
import { mappedFieldError, thisYear } from '../shared';
import { PastPeriodFields } from './PastPeriodFields';
import { usePlanRefs } from './planRefs';
import '../planning.pages.i18n';

const CLASSES = ['A', 'B', 'C', 'D'] as const;
type RatioField = `ratio${(typeof CLASSES)[number]}`;

type PlanFormValues = Pick<PlanInput, 'name' | 'year' | 'itemId' | 'poolId' | 'quarters' | 'mode' | 'inspectorsPerTask'> & {
  minimum?: number | null;
  fixedCount?: number | null;
  pastPeriodReason?: string;
} & Record<RatioField, number>;

const NEW_PLAN: Partial<PlanFormValues> = { year: thisYear(), quarters: [1, 2, 3, 4], mode: 'ratio', ratioA: 3, ratioB: 5, ratioC: 15, ratioD: 100, inspectorsPerTask: 2 };

function toPlanInput(v: PlanFormValues): PlanInput {
  return {
    name: v.name.trim(),
    year: v.year,
    itemId: v.itemId,
    poolId: v.poolId,
    quarters: [...v.quarters].sort(),
    mode: v.mode,
    ratios: v.mode === 'ratio' ? { A: v.ratioA, B: v.ratioB, C: v.ratioC, D: v.ratioD } : null,
    minimum: v.mode === 'ratio' ? (v.minimum ?? null) : null,
    fixedCount: v.mode === 'fixed' ? (v.fixedCount ?? null) : null,
    inspectorsPerTask: v.inspectorsPerTask,
    pastPeriodReason: v.pastPeriodReason?.trim() || null,
  };
}

const planFieldErrorOf = mappedFieldError<keyof PlanFormValues>({
  ...Object.fromEntries(['name', 'year', 'itemId', 'poolId', 'quarters', 'mode', 'minimum', 'fixedCount', 'inspectorsPerTask', 'pastPeriodReason'].map((f) => [f, f as keyof PlanFormValues])),
  ...Object.fromEntries(CLASSES.map((c) => [`ratios.${c}`, `ratio${c}` as const])),
});

/** The fields of the chosen sampling mode: the ratios and minimum, or the fixed count. */
function ModeFields() {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const mode = Form.useWatch('mode', Form.useFormInstance()) as PlanMode | undefined;
  const label = (key: string) => t(`inspectionPlans.plans.${key}`);
  if (mode === 'fixed') {
    return (
      <Form.Item name="fixedCount" label={label('fixedCount')} extra={label('fixedCountHint')} rules={selectRequired(label('fixedCount'))}>
        <InputNumber min={1} precision={0} style={{ width: 200 }} />
      </Form.Item>
    );
  }
  if (mode !== 'ratio') return null;
  return (
    <>
      <Form.Item label={label('ratios')} extra={label('ratiosHint')} required>
        <Row gutter={8}>
          {CLASSES.map((c) => (
            <Col span={6} key={c}>
              <Form.Item name={`ratio${c}`} noStyle rules={selectRequired(t('inspectionPlans.plans.ratio', { cls: c }))}>
                <InputNumber min={0} max={100} addonBefore={c} addonAfter="%" aria-label={t('inspectionPlans.plans.ratio', { cls: c })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>
      <Form.Item name="minimum" label={label('minimum')} extra={label('minimumHint')}>
        <InputNumber min={0} precision={0} style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (plan: Plan) => void;
}

/** Makes an inspection plan: an item over an object pool, when, and how many to draw. */
export function PlanFormModal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const refs = usePlanRefs();
  const { modes } = useInspectionOptions();
  const label = (key: string) => t(`inspectionPlans.plans.${key}`);
  const quarters = [1, 2, 3, 4].map((q) => ({ value: q, label: t('inspectionPlans.plans.quarter', { q }) }));

  return (
    <FormModal<PlanFormValues>
      open={open}
      width={760}
      title={label('create')}
      initialValues={NEW_PLAN}
      fieldErrorOf={planFieldErrorOf}
      onSubmit={async (v) => onSaved(await plansApi.create(toPlanInput(v)))}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item name="name" label={label('name')} rules={required(label('name'))}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="year" label={label('year')} rules={selectRequired(label('year'))}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="itemId" label={label('item')} rules={selectRequired(label('item'))}>
            <Select showSearch optionFilterProp="label" options={refs.itemOptions} loading={refs.loading} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="poolId" label={label('pool')} rules={selectRequired(label('pool'))}>
            <Select showSearch optionFilterProp="label" options={refs.poolOptions} loading={refs.loading} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="quarters" label={label('quarters')} rules={selectRequired(label('quarters'))}>
            <Checkbox.Group options={quarters} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="inspectorsPerTask" label={label('inspectorsPerTask')} extra={label('inspectorsPerTaskHint')} rules={selectRequired(label('inspectorsPerTask'))}>
            <InputNumber min={2} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <PastPeriodFields />
      <Form.Item name="mode" label={label('mode')} rules={selectRequired(label('mode'))}>
        <Radio.Group options={modes} optionType="button" />
      </Form.Item>
      <ModeFields />
    </FormModal>
  );
}
