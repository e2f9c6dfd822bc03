import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../app/components/CodeInput';
import { FormModal } from '../../app/components/FormModal';
import { isAfterToday } from '../../app/format';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { useRegions } from '../regions';
import { equipmentApi, PRESSURE_VESSEL, type KeyUnitKind, type Unit, type UnitInput } from './equipment.api';
import { useUnitOptions } from './equipmentLabels';
import { useEquipmentCategories } from './useEquipmentCategories';

export interface UnitFormValues {
  category: string;
  subcategory?: string | null;
  equipmentCode: string;
  registrationNo?: string;
  userUscc: string;
  regionCode: string;
  address: string;
  manufacturer?: string;
  model?: string;
  factoryNo?: string;
  putIntoServiceOn: Dayjs;
  keyUnitKind?: KeyUnitKind | null;
  safetyGrade?: number | null;
  nextInspectionDue?: Dayjs | null;
}

/** The dialog's fields, named as the API names them in `details.field`. */
const FIELDS = [
  'category',
  'subcategory',
  'equipmentCode',
  'registrationNo',
  'userUscc',
  'regionCode',
  'address',
  'manufacturer',
  'model',
  'factoryNo',
  'putIntoServiceOn',
  'keyUnitKind',
  'safetyGrade',
  'nextInspectionDue',
] as const satisfies readonly (keyof UnitFormValues)[];

const text = (v: string | undefined) => v?.trim() || null;
const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

function toInput(v: UnitFormValues): UnitInput {
  return {
    category: v.category,
    subcategory: v.subcategory ?? null,
    equipmentCode: v.equipmentCode.replace(/\s/g, '').toUpperCase(),
    registrationNo: text(v.registrationNo),
    userUscc: v.userUscc.replace(/\s/g, '').toUpperCase(),
    regionCode: v.regionCode,
    address: v.address.trim(),
    manufacturer: text(v.manufacturer),
    model: text(v.model),
    factoryNo: text(v.factoryNo),
    putIntoServiceOn: v.putIntoServiceOn.format('YYYY-MM-DD'),
    keyUnitKind: v.keyUnitKind ?? null,
    safetyGrade: v.category === PRESSURE_VESSEL ? (v.safetyGrade ?? null) : null,
  };
}

function valuesOf(u: Unit): UnitFormValues {
  return {
    category: u.category,
    subcategory: u.subcategory,
    equipmentCode: u.equipmentCode,
    registrationNo: u.registrationNo ?? undefined,
    userUscc: u.userUscc,
    regionCode: u.regionCode,
    address: u.address,
    manufacturer: u.manufacturer ?? undefined,
    model: u.model ?? undefined,
    factoryNo: u.factoryNo ?? undefined,
    putIntoServiceOn: dayjs(u.putIntoServiceOn),
    keyUnitKind: u.keyUnitKind,
    safetyGrade: u.safetyGrade,
  };
}

/** The fields that differ from the unit as loaded (a change sends only those). */
function changes(before: Unit, input: UnitInput): Partial<UnitInput> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'equipmentCode') continue;
    if ((before[key as keyof Unit] ?? null) !== value) out[key] = value;
  }
  return out as Partial<UnitInput>;
}

function CategoryFields() {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const categories = useEquipmentCategories();
  const { safetyGradeOptions } = useUnitOptions();
  const form = Form.useFormInstance<UnitFormValues>();
  const category = Form.useWatch('category', form);
  return (
    <>
      <Col xs={24} sm={12}>
        <Form.Item name="category" label={t('equipment.category')} rules={selectRequired(t('equipment.category'))}>
          <Select
            showSearch
            optionFilterProp="label"
            options={categories.topOptions}
            loading={categories.loading}
            onChange={() => form.setFieldsValue({ subcategory: null, safetyGrade: null })}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="subcategory" label={t('equipment.subcategory')}>
          <Select allowClear showSearch optionFilterProp="label" options={categories.subOptions(category)} disabled={!category} />
        </Form.Item>
      </Col>
      {category === PRESSURE_VESSEL && (
        <Col xs={24} sm={12}>
          <Form.Item name="safetyGrade" label={t('equipment.safetyGrade')}>
            <Select allowClear options={safetyGradeOptions} />
          </Form.Item>
        </Col>
      )}
    </>
  );
}

interface Props {
  open: boolean;
  /** The unit to edit; none registers a new one. */
  unit?: Unit;
  /** The user enterprise, when opened from an enterprise (the field is then fixed). */
  userUscc?: string;
  /** The region proposed for a new unit (the enterprise's seat). */
  regionCode?: string;
  onClose: () => void;
  onSaved: (saved: Unit) => void;
  /** The unit changed since it was loaded (412): reload it. */
  onStale?: () => void;
}

/** Registers a unit or edits one (If-Match on its version); server errors about a field show under it. */
export function UnitFormModal({ open, unit, userUscc, regionCode, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const regions = useRegions();
  const { keyUnitKindOptions } = useUnitOptions();

  const submit = async (v: UnitFormValues) => {
    const input = toInput(v);
    if (unit) return onSaved(await equipmentApi.update(unit.id, changes(unit, input), unit.version));
    const due = day(v.nextInspectionDue);
    return onSaved(await equipmentApi.create(due ? { ...input, nextInspectionDue: due } : input));
  };

  return (
    <FormModal<UnitFormValues>
      open={open}
      width={760}
      title={unit ? t('equipment.editTitle') : t('equipment.create')}
      initialValues={unit ? valuesOf(unit) : { userUscc, regionCode }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={submit}
      onClose={onClose}
      onStale={onStale}
    >
      <Row gutter={16}>
        <CategoryFields />
        <Col xs={24} sm={12}>
          <Form.Item
            name="equipmentCode"
            label={t('equipment.equipmentCode')}
            extra={unit ? undefined : t('equipment.equipmentCodeHint')}
            normalize={(v: string) => v.toUpperCase()}
            rules={[...required(t('equipment.equipmentCode')), { pattern: /^\s*[0-9A-Z]{1,32}\s*$/, message: t('equipment.equipmentCodeFormat') }]}
          >
            <CodeInput maxLength={32} disabled={!!unit} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="registrationNo" label={t('equipment.registrationNo')}>
            <CodeInput maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="userUscc" label={t('equipment.userUscc')} rules={required(t('equipment.userUscc'))}>
            <CodeInput maxLength={24} disabled={!!userUscc} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="regionCode" label={t('equipment.region')} rules={selectRequired(t('equipment.region'))}>
            <Select showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={t('equipment.address')} rules={required(t('equipment.address'))}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="manufacturer" label={t('equipment.manufacturer')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="model" label={t('equipment.model')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="factoryNo" label={t('equipment.factoryNo')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="putIntoServiceOn" label={t('equipment.putIntoServiceOn')} rules={selectRequired(t('equipment.putIntoServiceOn'))}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="keyUnitKind" label={t('equipment.keyUnitKind')}>
            <Select allowClear showSearch optionFilterProp="label" options={keyUnitKindOptions} />
          </Form.Item>
        </Col>
        {!unit && (
          <Col xs={24} sm={12}>
            <Form.Item name="nextInspectionDue" label={t('equipment.firstDue')} extra={t('equipment.firstDueHint')}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormModal>
  );
}
