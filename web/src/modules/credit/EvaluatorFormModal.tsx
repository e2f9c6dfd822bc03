import { DatePicker, Form, Input, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { creditApi, type Evaluator } from './credit.api';
import './credit.pages.i18n';

interface Values {
  name: string;
  uscc: string;
  accreditation?: string;
  validUntil?: Dayjs | null;
  active: boolean;
}

const FIELDS = ['name', 'uscc', 'accreditation', 'validUntil'] as const;

/** 登记 / 修改 a third-party evaluator: name, USCC, accreditation and its validity, active. */
export function EvaluatorFormModal(props: { open: boolean; evaluator?: Evaluator; onClose: () => void; onSaved: (e: Evaluator) => void; onStale?: () => void }) {
  const { t } = useTranslation();
  const e = props.evaluator;
  const save = async (v: Values) => {
    const input = { name: v.name.trim(), uscc: v.uscc.trim().toUpperCase(), accreditation: v.accreditation?.trim() || null, validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null, active: v.active };
    props.onSaved(e ? await creditApi.updateEvaluator(e, input) : await creditApi.createEvaluator(input));
  };
  return (
    <FormModal<Values>
      open={props.open}
      title={e ? t('credit.editEvaluator') : t('credit.createEvaluator')}
      initialValues={e ? { name: e.name, uscc: e.uscc, accreditation: e.accreditation ?? undefined, validUntil: e.validUntil ? dayjs(e.validUntil) : null, active: e.active } : { active: true }}
      onClose={props.onClose}
      onSubmit={save}
      onStale={props.onStale}
      fieldErrorOf={namedFieldError(FIELDS)}
    >
      <Form.Item name="name" label={t('credit.evaluatorName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credit.evaluatorName') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="uscc" label={t('credit.uscc')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credit.uscc') }) }]}>
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="accreditation" label={t('credit.accreditation')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="validUntil" label={t('credit.accreditationValidUntil')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="active" label={t('credit.evaluatorActive')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
