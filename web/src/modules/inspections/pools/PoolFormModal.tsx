import { Alert, Col, Divider, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { useEnterpriseOptions } from '../../enterprises';
import { useLicenceTypes } from '../../licences';
import { useRegions } from '../../regions';
import { poolsApi, type ObjectPool, type PoolInput } from '../inspections.api';
import { mappedFieldError } from '../shared';
import '../planning.pages.i18n';

interface PoolFormValues {
  name: string;
  regionCode?: string;
  filterRegionCode?: string;
  status?: string;
  creditClass?: string;
  tag?: string;
  industryPrefix?: string;
  licenceType?: string;
}

function toPoolInput(v: PoolFormValues): PoolInput {
  const filter = {
    regionCode: v.filterRegionCode,
    status: v.status,
    creditClass: v.creditClass,
    tag: v.tag?.trim(),
    industryPrefix: v.industryPrefix?.trim().toUpperCase(),
    licenceType: v.licenceType,
  };
  return {
    name: v.name.trim(),
    ...(v.regionCode ? { regionCode: v.regionCode } : {}),
    filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value)),
  };
}

/** Server errors onto the dialog's fields (`filter.tag` → tag). */
const poolFieldErrorOf = mappedFieldError<keyof PoolFormValues>({
  name: 'name',
  regionCode: 'regionCode',
  'filter.regionCode': 'filterRegionCode',
  'filter.status': 'status',
  'filter.creditClass': 'creditClass',
  'filter.tag': 'tag',
  'filter.industryPrefix': 'industryPrefix',
  'filter.licenceType': 'licenceType',
});

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (pool: ObjectPool) => void;
}

/** Saves a filter over the enterprise register as an object pool (检查对象名录库). */
export function PoolFormModal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  const regions = useRegions();
  const types = useLicenceTypes();
  const { statusOptions, creditOptions } = useEnterpriseOptions();
  const label = (key: string) => t(`inspectionPlans.pools.${key}`);
  const regionSelect = <Select allowClear showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />;

  return (
    <FormModal<PoolFormValues>
      open={open}
      width={720}
      title={label('create')}
      fieldErrorOf={poolFieldErrorOf}
      onSubmit={async (v) => onSaved(await poolsApi.create(toPoolInput(v)))}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={label('name')} rules={required(label('name'))}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="regionCode" label={label('region')} extra={label('regionHint')}>
            {regionSelect}
          </Form.Item>
        </Col>
      </Row>
      <Divider orientation="left" plain>
        {label('filter')}
      </Divider>
      <Alert type="info" showIcon message={label('filterHint')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="filterRegionCode" label={label('filterRegion')} extra={label('filterRegionHint')}>
            {regionSelect}
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="licenceType" label={label('licenceType')}>
            <Select allowClear showSearch optionFilterProp="label" options={types.options} loading={types.loading} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label={label('status')}>
            <Select allowClear options={statusOptions} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="creditClass" label={label('creditClass')}>
            <Select allowClear options={creditOptions} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="tag" label={label('tag')}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="industryPrefix" label={label('industryPrefix')} extra={label('industryPrefixHint')}>
            <CodeInput maxLength={5} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
