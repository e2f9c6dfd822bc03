import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { useRegions } from '../../regions';
import { useLicenceTypes } from '../useLicenceTypes';
import { leadsApi, type CreateLeadInput, type Lead } from './leads.api';
import './leads.pages.i18n';

type LeadFormValues = CreateLeadInput;

/** The dialog's fields, named as the API names them in `details.field`. */
const FIELDS = ['operatorName', 'uscc', 'address', 'regionCode', 'licenceType', 'source', 'description'] as const satisfies readonly (keyof LeadFormValues)[];

function toInput(v: LeadFormValues): CreateLeadInput {
  return {
    operatorName: v.operatorName.trim(),
    uscc: v.uscc?.replace(/\s/g, '').toUpperCase() || null,
    address: v.address.trim(),
    regionCode: v.regionCode,
    licenceType: v.licenceType ?? null,
    source: v.source.trim(),
    description: v.description.trim(),
  };
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (saved: Lead) => void;
}

/** Files a lead about unlicensed operation; server errors about one field are shown under it. */
export function LeadFormModal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const regions = useRegions();
  const types = useLicenceTypes();
  const { required, selectRequired } = useRequiredRules();

  return (
    <FormModal<LeadFormValues>
      open={open}
      width={720}
      title={t('leads.create')}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onSaved(await leadsApi.create(toInput(v)))}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="operatorName" label={t('leads.operatorName')} rules={required(t('leads.operatorName'))}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="uscc" label={t('leads.uscc')} extra={t('leads.usccHint')}>
            <CodeInput maxLength={24} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="regionCode" label={t('leads.region')} rules={selectRequired(t('leads.region'))}>
            <Select showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="licenceType" label={t('leads.licenceType')}>
            <Select allowClear showSearch optionFilterProp="label" options={types.issueOptions} loading={types.loading} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="address" label={t('leads.address')} rules={required(t('leads.address'))}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="source" label={t('leads.source')} rules={required(t('leads.source'))} extra={t('leads.sourceHint')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('leads.description')} rules={required(t('leads.description'))}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
