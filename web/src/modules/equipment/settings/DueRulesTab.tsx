import { Alert, App, Button, Col, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useNotifyError } from '../../../app/errors';
import { errorText } from '../../../app/errorText';
import { useAsync } from '../../../app/hooks/useAsync';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { equipmentApi, INSPECTION_KINDS, PRESSURE_VESSEL, type DueRule, type DueRuleInput, type InspectionKind } from '../equipment.api';
import { useUnitOptions } from '../equipmentLabels';
import { useEquipmentCategories } from '../useEquipmentCategories';

interface RuleFormValues {
  category: string;
  subcategory?: string | null;
  kind?: InspectionKind | null;
  safetyGrade?: number | null;
  basis: DueRule['basis'];
  intervalMonths: number;
  note?: string;
}

const FIELDS = ['category', 'subcategory', 'kind', 'safetyGrade', 'basis', 'intervalMonths', 'note'] as const;

function RuleFields() {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const categories = useEquipmentCategories();
  const { safetyGradeOptions } = useUnitOptions();
  const form = Form.useFormInstance<RuleFormValues>();
  const category = Form.useWatch('category', form);
  const label = (key: string) => t(`equipment.settings.${key}`);
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="category" label={t('equipment.category')} rules={selectRequired(t('equipment.category'))}>
          <Select showSearch optionFilterProp="label" options={categories.topOptions} onChange={() => form.setFieldsValue({ subcategory: null, safetyGrade: null })} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="subcategory" label={t('equipment.subcategory')}>
          <Select allowClear placeholder={label('any')} showSearch optionFilterProp="label" options={categories.subOptions(category)} disabled={!category} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="kind" label={t('equipment.inspectionKind')}>
          <Select allowClear placeholder={label('any')} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`equipment.kinds.${k}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="safetyGrade" label={t('equipment.safetyGrade')}>
          <Select allowClear placeholder={label('any')} options={safetyGradeOptions} disabled={category !== PRESSURE_VESSEL} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="basis" label={label('basis')} rules={selectRequired(label('basis'))}>
          <Select options={(['periodic', 'first'] as const).map((b) => ({ value: b, label: label(`bases.${b}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="intervalMonths" label={label('intervalMonths')} extra={label('intervalZero')} rules={selectRequired(label('intervalMonths'))}>
          <InputNumber min={0} max={240} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="note" label={label('note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The due-date rules: per category (and subcategory, kind, safety grade), the interval to the next inspection. */
export function DueRulesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const categories = useEquipmentCategories();
  const { data, loading, error, reload } = useAsync(equipmentApi.dueRules);
  const [editing, setEditing] = useState<{ rule?: DueRule } | null>(null);
  const label = (key: string) => t(`equipment.settings.${key}`);
  const any = label('any');

  const rules = useMemo(
    () =>
      [...(data?.items ?? [])].sort(
        (a, b) =>
          a.category.localeCompare(b.category) ||
          (a.subcategory ?? '').localeCompare(b.subcategory ?? '') ||
          (a.kind ?? '').localeCompare(b.kind ?? '') ||
          (a.safetyGrade ?? 0) - (b.safetyGrade ?? 0) ||
          a.basis.localeCompare(b.basis),
      ),
    [data],
  );

  const remove = (rule: DueRule) =>
    equipmentApi.deleteDueRule(rule.id, rule.version).then(
      () => {
        void message.success(label('deleted'));
        reload();
      },
      (err: unknown) => {
        notifyError(err);
        reload();
      },
    );

  const columns: TableColumnsType<DueRule> = [
    { title: t('equipment.category'), dataIndex: 'category', render: (v: string) => categories.nameOf(v) },
    { title: t('equipment.subcategory'), dataIndex: 'subcategory', render: (v: string | null) => (v ? categories.nameOf(v) : any) },
    { title: t('equipment.inspectionKind'), dataIndex: 'kind', render: (v: string | null) => (v ? t(`equipment.kinds.${v}`) : any) },
    { title: t('equipment.safetyGrade'), dataIndex: 'safetyGrade', render: (v: number | null) => (v ? t('equipment.safetyGradeValue', { grade: v }) : any) },
    { title: label('basis'), dataIndex: 'basis', render: (v: string) => label(`bases.${v}`) },
    { title: label('intervalMonths'), className: 'zj-nowrap', dataIndex: 'intervalMonths', render: (v: number) => (v ? t('equipment.settings.intervalValue', { months: v }) : label('noDue')) },
    { title: label('note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_: unknown, rule) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ rule })}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={label('deleteConfirm')} onConfirm={() => remove(rule)}>
            <Button type="link" size="small" danger>
              {label('deleteRule')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editingRule = editing?.rule;
  const submit = async (v: RuleFormValues) => {
    const input: DueRuleInput = {
      category: v.category,
      subcategory: v.subcategory ?? null,
      kind: v.kind ?? null,
      safetyGrade: v.category === PRESSURE_VESSEL ? (v.safetyGrade ?? null) : null,
      basis: v.basis,
      intervalMonths: v.intervalMonths,
      note: v.note?.trim() || null,
    };
    if (editingRule) await equipmentApi.updateDueRule(editingRule.id, input, editingRule.version);
    else await equipmentApi.createDueRule(input);
    reload();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon message={label('ruleHint')} />
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
        {label('addRule')}
      </Button>
      <Table<DueRule>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rules}
        loading={loading}
        pagination={false}
        data-testid="equipment-due-rules"
        locale={error ? { emptyText: errorText(error, t) } : undefined}
      />
      <FormModal<RuleFormValues>
        open={!!editing}
        width={640}
        title={editingRule ? label('editRule') : label('addRule')}
        initialValues={editingRule ? { ...editingRule, note: editingRule.note ?? undefined } : { basis: 'periodic', intervalMonths: 12 }}
        fieldErrorOf={namedFieldError(FIELDS)}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        onStale={reload}
      >
        <RuleFields />
      </FormModal>
    </Space>
  );
}
