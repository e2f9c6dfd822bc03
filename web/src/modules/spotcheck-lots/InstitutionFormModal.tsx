import { DatePicker, Form, Input, InputNumber, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { ProductCodesSelect } from './labels';
import { lotsApi, type Institution, type InstitutionInput } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

interface Values {
  name: string;
  uscc?: string;
  local: boolean;
  cmaNo: string;
  cmaScope: string[];
  cmaValidUntil: Dayjs;
  capacity: number;
  price: number;
  contact?: string;
  active: boolean;
}

const toInput = (v: Values): InstitutionInput => ({
  name: v.name.trim(),
  uscc: v.uscc?.trim() || null,
  local: v.local,
  cmaNo: v.cmaNo.trim(),
  cmaScope: v.cmaScope ?? [],
  cmaValidUntil: v.cmaValidUntil.format('YYYY-MM-DD'),
  capacity: v.capacity,
  price: v.price,
  contact: v.contact?.trim() || null,
  active: v.active,
});

/**
 * 新增 / 编辑承检机构: name, USCC, inside the city or not, the CMA qualification (number, scope as
 * product codes of the catalogue, validity), capacity per quarter, usual price, contact, active.
 * An edit sends the version it was loaded with (If-Match); a 412 reloads the record.
 */
export function InstitutionFormModal({ open, institution, onClose, onSaved, onStale }: { open: boolean; institution?: Institution; onClose: () => void; onSaved: (i: Institution) => void; onStale?: () => void }) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const initialValues: Partial<Values> = institution
    ? { ...institution, uscc: institution.uscc ?? undefined, contact: institution.contact ?? undefined, cmaValidUntil: dayjs(institution.cmaValidUntil) }
    : { local: true, active: true, cmaScope: [] };
  return (
    <FormModal<Values>
      open={open}
      width={640}
      title={institution ? label('editInstitution') : label('createInstitution')}
      initialValues={initialValues}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => onSaved(institution ? await lotsApi.updateInstitution(institution, toInput(v)) : await lotsApi.createInstitution(toInput(v)))}
    >
      <Form.Item name="name" label={label('name')} rules={required(label('name'))}>
        <Input maxLength={100} data-testid="institution-name" />
      </Form.Item>
      <Form.Item name="uscc" label={label('uscc')}>
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="local" label={label('local')} valuePropName="checked" extra={label('localHint')}>
        <Switch />
      </Form.Item>
      <Form.Item name="cmaNo" label={label('cmaNo')} rules={required(label('cmaNo'))}>
        <Input maxLength={60} data-testid="institution-cma" />
      </Form.Item>
      <Form.Item name="cmaScope" label={label('cmaScope')}>
        <ProductCodesSelect />
      </Form.Item>
      <Form.Item name="cmaValidUntil" label={label('cmaValidUntil')} rules={selectRequired(label('cmaValidUntil'))}>
        <DatePicker style={{ width: '100%' }} data-testid="institution-valid" />
      </Form.Item>
      <Form.Item name="capacity" label={label('capacityPerQuarter')} rules={selectRequired(label('capacityPerQuarter'))}>
        <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} data-testid="institution-capacity" />
      </Form.Item>
      <Form.Item name="price" label={label('usualPrice')} rules={selectRequired(label('usualPrice'))}>
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="institution-price" />
      </Form.Item>
      <Form.Item name="contact" label={label('contact')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="active" label={label('active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
