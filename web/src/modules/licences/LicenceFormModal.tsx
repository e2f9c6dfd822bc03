import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../app/components/CodeInput';
import { FormModal } from '../../app/components/FormModal';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { LICENCE_FORM_FIELDS, toCreateInput, type LicenceFormValues } from './licenceForm';
import { licencesApi, type Licence } from './licences.api';
import { useLicenceTypes, type LicenceTypeLookup } from './useLicenceTypes';
import { isAfterToday } from '../../app/format';

interface Props {
  open: boolean;
  /** The holder, when the dialog is opened from an enterprise (the field is then fixed). */
  uscc?: string;
  onClose: () => void;
  onSaved: (saved: Licence) => void;
}

/** The expiry date, with a hint naming the chosen type's default validity that applies when it is left empty. */
function ExpiresOnField({ types }: { types: LicenceTypeLookup }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<LicenceFormValues>();
  const type = types.byKey(Form.useWatch('type', form));
  const hint = !type
    ? t('licences.expiresOnHint')
    : type.validityYears
      ? t('licences.expiresOnDefault', { years: type.validityYears })
      : t('licences.expiresOnNoDefault');
  return (
    <Form.Item name="expiresOn" label={t('licences.expiresOn')} extra={hint}>
      <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
    </Form.Item>
  );
}

/** Registers a licence; server errors about one field are shown under that field. */
export function LicenceFormModal({ open, uscc, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const types = useLicenceTypes();
  const { required, selectRequired } = useRequiredRules();

  return (
    <FormModal<LicenceFormValues>
      open={open}
      width={720}
      title={t('licences.create')}
      initialValues={{ uscc }}
      fieldErrorOf={namedFieldError(LICENCE_FORM_FIELDS)}
      onSubmit={async (v) => onSaved(await licencesApi.create(toCreateInput(v)))}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="uscc" label={t('enterprises.uscc')} rules={required(t('enterprises.uscc'))}>
            <CodeInput disabled={!!uscc} maxLength={24} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="type" label={t('licences.type')} rules={selectRequired(t('licences.type'))}>
            <Select showSearch optionFilterProp="label" options={types.issueOptions} loading={types.loading} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="number" label={t('licences.number')} rules={required(t('licences.number'))}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="issuer" label={t('licences.issuer')} rules={required(t('licences.issuer'))}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="issuedOn" label={t('licences.issuedOn')} rules={selectRequired(t('licences.issuedOn'))}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <ExpiresOnField types={types} />
        </Col>
      </Row>
      <Form.Item name="scope" label={t('licences.scope')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
