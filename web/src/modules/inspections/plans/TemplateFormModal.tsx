import { Checkbox, Col, Form, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useAsync } from '../../../app/hooks/useAsync';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { useLicenceTypes } from '../../licences';
import { useRegions } from '../../regions';
import { templatesApi, type PlanTemplate, type TemplateInput, type TemplateResult } from '../inspections.api';
import { mappedFieldError, thisYear } from '../shared';
import { PastPeriodFields } from './PastPeriodFields';
import { usePlanRefs } from './planRefs';
import '../planning.pages.i18n';

type TemplateFormValues = Required<Pick<TemplateInput, 'year' | 'itemId' | 'licenceType' | 'quarters'>> &
  Pick<TemplateInput, 'regionCode'> & { templateKey: string; pastPeriodReason?: string };

const FIELDS = ['year', 'itemId', 'licenceType', 'regionCode', 'quarters', 'pastPeriodReason'] as const;

const templateFieldErrorOf = mappedFieldError<keyof TemplateFormValues>({
  ...Object.fromEntries(FIELDS.map((f) => [f, f])),
  // the pool's "issued last year" condition is derived from the plan's year
  filter: 'year',
});

/** A new dialog: the first template with its first licence type, this year, every quarter. */
const initialValuesOf = (first: PlanTemplate | undefined): Partial<TemplateFormValues> => ({
  templateKey: first?.key,
  licenceType: first?.licenceTypes[0],
  year: thisYear(),
  quarters: [1, 2, 3, 4],
});

/** A template as a choice: its name in bold, the measure it implements below. */
function TemplateChoice({ template }: { template: PlanTemplate }) {
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text strong>{template.name}</Typography.Text>
      <Typography.Text type="secondary">{template.basis}</Typography.Text>
    </Space>
  );
}

/**
 * The template and its licence type (only the template's own types; picking a template selects its
 * first). A dialog opened before the templates had loaded gets the first one when they arrive.
 */
function TemplateFields({ templates, loading }: { templates: PlanTemplate[]; loading: boolean }) {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const form = Form.useFormInstance<TemplateFormValues>();
  const types = useLicenceTypes();
  const key = Form.useWatch('templateKey', form);
  const label = (k: string) => t(`inspectionPlans.templates.${k}`);
  const chosen = templates.find((tpl) => tpl.key === key);
  const first = templates[0];

  useEffect(() => {
    if (first && form.getFieldValue('templateKey') === undefined) form.setFieldsValue({ templateKey: first.key, licenceType: first.licenceTypes[0] });
  }, [first, form]);

  return (
    <>
      <Form.Item name="templateKey" label={label('template')} extra={label('templateHint')} rules={selectRequired(label('template'))}>
        <Radio.Group
          disabled={loading}
          onChange={(e) => form.setFieldValue('licenceType', templates.find((tpl) => tpl.key === e.target.value)?.licenceTypes[0])}
        >
          <Space direction="vertical">
            {templates.map((tpl) => (
              <Radio key={tpl.key} value={tpl.key}>
                <TemplateChoice template={tpl} />
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="licenceType" label={label('licenceType')} rules={selectRequired(label('licenceType'))}>
        <Select
          options={(chosen?.licenceTypes ?? []).map((type) => ({ value: type, label: types.byKey(type)?.name ?? type }))}
          loading={types.loading}
        />
      </Form.Item>
    </>
  );
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (result: TemplateResult) => void;
}

/** 按模板新建: a template (the metrology rule) makes the object pool and the plan at once. */
export function TemplateFormModal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const templates = useAsync(templatesApi.list);
  const list = templates.data?.items ?? [];
  const refs = usePlanRefs();
  const regions = useRegions();
  const planLabel = (key: string) => t(`inspectionPlans.plans.${key}`);
  const quarters = [1, 2, 3, 4].map((q) => ({ value: q, label: t('inspectionPlans.plans.quarter', { q }) }));

  return (
    <FormModal<TemplateFormValues>
      open={open}
      width={720}
      title={t('inspectionPlans.templates.create')}
      okText={t('inspectionPlans.templates.apply')}
      initialValues={initialValuesOf(list[0])}
      fieldErrorOf={templateFieldErrorOf}
      onSubmit={async ({ templateKey, pastPeriodReason, ...input }) => onSaved(await templatesApi.apply(templateKey, { ...input, pastPeriodReason: pastPeriodReason?.trim() || null }))}
      onClose={onClose}
    >
      <TemplateFields templates={list} loading={templates.loading} />
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="year" label={planLabel('year')} rules={selectRequired(planLabel('year'))}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="itemId" label={planLabel('item')} rules={selectRequired(planLabel('item'))}>
            <Select showSearch optionFilterProp="label" options={refs.itemOptions} loading={refs.loading} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="quarters" label={planLabel('quarters')} rules={selectRequired(planLabel('quarters'))}>
            <Checkbox.Group options={quarters} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="regionCode" label={t('inspectionPlans.pools.region')} extra={t('inspectionPlans.pools.regionHint')}>
            <Select allowClear showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
          </Form.Item>
        </Col>
      </Row>
      <PastPeriodFields />
    </FormModal>
  );
}
