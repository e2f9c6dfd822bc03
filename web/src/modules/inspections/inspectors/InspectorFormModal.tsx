import { Button, DatePicker, Form, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { useActiveUserOptions, userOptionLabel } from '../../users';
import { inspectorsApi, type Inspector } from '../inspections.api';
import { TAGS_INPUT } from '../shared';
import { NEW_INSPECTOR, inspectorFieldErrorOf, toInspectorInput, toInspectorValues, type InspectorFormValues } from './inspectorForm';
import '../configure.pages.i18n';

/** The periods an inspector may be drawn: one date range per line, the end may stay empty. */
function PeriodsField() {
  const { t } = useTranslation();
  const label = (key: string) => t(`inspections.inspectors.${key}`);
  return (
    <Form.Item label={label('activePeriods')} extra={label('activePeriodsHint')}>
      <Form.List name="activePeriods">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={name} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('common.selectRequired', { field: label('periodFrom') }) }]}>
                  <DatePicker.RangePicker allowEmpty={[false, true]} placeholder={[label('periodFrom'), label('periodTo')]} format="YYYY-MM-DD" />
                </Form.Item>
                <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(name)} />
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
              {label('addPeriod')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

interface Props {
  open: boolean;
  /** The inspector edited; none to add a user to the pool. */
  inspector?: Inspector;
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the record since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Lists a user in the inspector pool, or edits their certificate, specialties, periods and conflicts. */
export function InspectorFormModal({ open, inspector, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  // Only adding a user to the pool needs the list of users, and only while the form is open.
  const users = useActiveUserOptions(open && !inspector);
  const label = (key: string) => t(`inspections.inspectors.${key}`);

  const onSubmit = async (v: InspectorFormValues) => {
    // Adding: version 0, refused (412) if someone added the user to the pool meanwhile.
    await inspectorsApi.put(inspector?.userId ?? v.userId, toInspectorInput(v), inspector?.version ?? 0);
    onSaved();
  };

  return (
    <FormModal<InspectorFormValues>
      open={open}
      width={640}
      title={inspector ? label('edit') : label('create')}
      initialValues={inspector ? toInspectorValues(inspector) : NEW_INSPECTOR}
      fieldErrorOf={inspectorFieldErrorOf}
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item name="userId" label={label('user')} rules={selectRequired(label('user'))}>
        <Select
          showSearch
          optionFilterProp="label"
          disabled={!!inspector}
          loading={users.loading}
          options={inspector ? [{ value: inspector.userId, label: userOptionLabel(t, inspector) }] : users.options}
        />
      </Form.Item>
      <Form.Item name="certificateNo" label={label('certificateNo')} rules={required(label('certificateNo'))}>
        <CodeInput maxLength={50} />
      </Form.Item>
      <Form.Item name="specialties" label={label('specialties')} extra={label('specialtiesHint')}>
        <Select {...TAGS_INPUT} maxCount={20} />
      </Form.Item>
      <PeriodsField />
      <Form.Item name="conflicts" label={label('conflicts')} extra={label('conflictsHint')}>
        <Select {...TAGS_INPUT} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </FormModal>
  );
}
