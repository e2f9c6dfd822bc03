import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import type { LicenceType } from '../licences.api';
import { licenceSettingsApi } from './licenceSettings.api';
import '../licenceAdmin.pages.i18n';

interface Values {
  key: string;
  name: string;
  sectionId?: string | null;
  legalBasis: string;
  validityYears?: number | null;
  historic?: boolean;
  sort?: number;
}

const FIELDS = ['key', 'name', 'sectionId', 'legalBasis', 'validityYears', 'sort'] as const;
const KEY_PATTERN = /^[a-z][a-z0-9_]{1,59}$/;

interface Props {
  open: boolean;
  /** The type edited; none to add one. */
  type?: LicenceType;
  sections: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the record since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Adds or edits a licence type; server errors about one field are shown under that field. */
export function LicenceTypeFormModal({ open, type, sections, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  const label = (key: string) => t(`licenceAdmin.types.${key}`);

  const onSubmit = async (v: Values) => {
    // An emptied sort box keeps the type's place.
    const fields = { name: v.name, sectionId: v.sectionId ?? null, legalBasis: v.legalBasis, validityYears: v.validityYears ?? null, historic: !!v.historic };
    await (type ? licenceSettingsApi.updateType(type.key, { ...fields, ...(v.sort != null ? { sort: v.sort } : {}) }, type.version) : licenceSettingsApi.createType({ key: v.key, ...fields }));
    onSaved();
  };

  return (
    <FormModal<Values>
      open={open}
      width={640}
      title={type ? label('edit') : label('create')}
      initialValues={type ?? { historic: false }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="key"
            label={label('key')}
            extra={type ? undefined : label('keyHint')}
            rules={type ? [] : [...required(label('key')), { pattern: KEY_PATTERN, message: label('keyPattern') }]}
          >
            <CodeInput disabled={!!type} maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={label('name')} rules={required(label('name'))}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="sectionId" label={label('section')}>
            <Select allowClear showSearch optionFilterProp="label" options={sections} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validityYears" label={label('validityYears')} extra={label('validityHint')}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} addonAfter={label('yearUnit')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="legalBasis" label={label('legalBasis')} rules={required(label('legalBasis'))}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="historic" label={label('historic')} valuePropName="checked" extra={label('historicHint')}>
            <Switch />
          </Form.Item>
        </Col>
        {type && (
          <Col span={12}>
            <Form.Item name="sort" label={label('sort')}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormModal>
  );
}
