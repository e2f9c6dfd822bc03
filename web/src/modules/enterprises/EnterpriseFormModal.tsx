import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enterprise } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { CodeInput } from '../../app/components/CodeInput';
import { FormModal } from '../../app/components/FormModal';
import { useRegions } from '../regions';
import { ContactsField } from './ContactsField';
import { enterprisesApi } from './enterprises.api';
import { CreditClassTag, useEnterpriseOptions } from './enterpriseLabels';
import {
  fieldErrorOf,
  toCreateInput,
  toFormValues,
  toUpdateInput,
  type EnterpriseFormValues,
} from './enterpriseForm';
import { UsccOverrideField } from './UsccOverrideField';

interface Props {
  open: boolean;
  /** The enterprise to edit; undefined to create one. */
  enterprise?: Enterprise;
  onClose: () => void;
  onSaved: (saved: Enterprise) => void;
  /** Someone else changed the enterprise since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

export function EnterpriseFormModal({ open, enterprise, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const regions = useRegions();
  const { statusOptions } = useEnterpriseOptions();
  const required = (key: string) => [{ required: true, message: t('common.required', { field: t(key) }) }];

  const onSubmit = async (v: EnterpriseFormValues) => {
    const saved = enterprise
      ? await enterprisesApi.update(enterprise.uscc, toUpdateInput(v), enterprise.version)
      : await enterprisesApi.create(toCreateInput(v));
    onSaved(saved);
  };

  const half = (node: ReactNode) => <Col span={12}>{node}</Col>;

  return (
    <FormModal<EnterpriseFormValues>
      open={open}
      width={760}
      title={enterprise ? t('enterprises.edit') : t('enterprises.create')}
      initialValues={toFormValues(enterprise)}
      fieldErrorOf={fieldErrorOf}
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
    >
      <Row gutter={16}>
        {half(
          <Form.Item name="uscc" label={t('enterprises.uscc')} rules={enterprise ? [] : required('enterprises.uscc')}>
            <CodeInput disabled={!!enterprise} maxLength={24} />
          </Form.Item>,
        )}
        {half(
          <Form.Item name="name" label={t('enterprises.name')} rules={required('enterprises.name')}>
            <Input maxLength={200} />
          </Form.Item>,
        )}
        {half(
          <Form.Item name="legalRepresentative" label={t('enterprises.legalRepresentative')}>
            <Input maxLength={50} />
          </Form.Item>,
        )}
        {half(
          <Form.Item name="regionCode" label={t('enterprises.region')} rules={required('enterprises.region')}>
            <Select showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
          </Form.Item>,
        )}
      </Row>
      <Form.Item name="address" label={t('enterprises.address')}>
        <Input maxLength={300} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="status" label={t('common.status')} rules={required('common.status')}>
            <Select options={statusOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="establishedOn" label={t('enterprises.establishedOn')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="industryCode" label={t('enterprises.industryCode')} tooltip={t('enterprises.industryCodeHint')}>
            <Input maxLength={10} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={enterprise ? 16 : 24}>
          <Form.Item name="tags" label={t('enterprises.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，']} />
          </Form.Item>
        </Col>
        {enterprise && (
          <Col span={8}>
            <Form.Item label={t('enterprises.creditClass')} tooltip={t('enterprises.creditClassReadOnly')}>
              <CreditClassTag value={enterprise.creditClass} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <ContactsField />
      {!enterprise && can('enterprise.uscc_override') && <UsccOverrideField />}
    </FormModal>
  );
}
