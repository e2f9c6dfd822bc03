import { Col, Divider, Form, Input, Row, Select, Switch } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { useOrgs } from '../../orgs';
import { itemsApi, type InspectionItem } from '../inspections.api';
import { TAGS_INPUT } from '../shared';
import { useInspectionOptions } from '../labels';
import { ChecklistEditor } from './ChecklistEditor';
import { NEW_ITEM, itemFieldErrorOf, toItemInput, toItemValues, type ItemFormValues } from './itemForm';
import '../configure.pages.i18n';

/** The city-bureau sections an item may belong to, plus the edited item's own. */
function useSectionOptions(item: InspectionItem | undefined) {
  const { can } = useAuth();
  const { orgs } = useOrgs(can('org.read'));
  return useMemo(() => {
    const options = orgs.filter((o) => o.type === 'city_section').map((o) => ({ value: o.id, label: o.name }));
    if (item?.sectionId && !options.some((o) => o.value === item.sectionId)) options.push({ value: item.sectionId, label: item.sectionName ?? item.sectionId });
    return options;
  }, [orgs, item]);
}

interface Props {
  open: boolean;
  /** The item edited; none to add one. */
  item?: InspectionItem;
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the record since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Adds or edits an inspection item with its checklist and result categories. */
export function ItemFormModal({ open, item, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const { targetKinds } = useInspectionOptions();
  const sections = useSectionOptions(item);
  const label = (key: string) => t(`inspections.items.${key}`);

  const onSubmit = async (v: ItemFormValues) => {
    const input = toItemInput(v);
    await (item ? itemsApi.update(item.id, input, item.version) : itemsApi.create(input));
    onSaved();
  };

  return (
    <FormModal<ItemFormValues>
      open={open}
      width={820}
      title={item ? label('edit') : label('create')}
      initialValues={item ? toItemValues(item) : NEW_ITEM}
      fieldErrorOf={itemFieldErrorOf}
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={label('name')} rules={required(label('name'))}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="sectionId" label={label('section')} rules={selectRequired(label('section'))}>
            <Select showSearch optionFilterProp="label" options={sections} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="targetKind" label={label('targetKind')} rules={selectRequired(label('targetKind'))}>
            <Select options={targetKinds} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="specialty" label={label('specialty')} extra={label('specialtyHint')}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="legalBasis" label={label('legalBasis')} rules={required(label('legalBasis'))}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item
            name="resultCategories"
            label={label('resultCategories')}
            extra={label('resultCategoriesHint')}
            rules={[{ required: true, type: 'array', min: 1, max: 20, message: label('resultCategoriesHint') }]}
          >
            <Select {...TAGS_INPUT} maxCount={20} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="active" label={label('active')} valuePropName="checked" extra={label('activeHint')}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Divider orientation="left" plain>
        {label('questions')}
      </Divider>
      <ChecklistEditor />
    </FormModal>
  );
}
