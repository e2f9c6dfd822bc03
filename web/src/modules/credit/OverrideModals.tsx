import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { todayInChina } from '../../app/format';
import { CREDIT_CLASSES } from '../enterprises';
import { creditApi, type Credit, type CreditClass } from './credit.api';
import './credit.pages.i18n';

/** The longest override the server allows (ZJ_CREDIT_OVERRIDE_MAX_DAYS, 365 by default); the server checks it again. */
const MAX_DAYS = 365;

interface OverrideValues {
  class: CreditClass;
  reason: string;
  until: Dayjs;
}

/** 调整等级: class, reason and an end date after today and at most a year ahead. */
export function OverrideModal({ uscc, open, onClose, onSaved }: { uscc: string; open: boolean; onClose: () => void; onSaved: (c: Credit) => void }) {
  const { t } = useTranslation();
  const today = todayInChina();
  const save = async (v: OverrideValues) => onSaved(await creditApi.override(uscc, { class: v.class, reason: v.reason.trim(), until: v.until.format('YYYY-MM-DD') }));
  return (
    <FormModal<OverrideValues> open={open} title={t('credit.overrideTitle')} onClose={onClose} onSubmit={save} okText={t('credit.override')} fieldErrorOf={namedFieldError(['until'])}>
      <Form.Item name="class" label={t('credit.overrideClass')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.overrideClass') }) }]}>
        <Select options={CREDIT_CLASSES.map((c) => ({ value: c, label: t('enterprises.creditClassValue', { value: c }) }))} data-testid="override-class" />
      </Form.Item>
      <Form.Item name="reason" label={t('credit.reasonField')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credit.reasonField') }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        name="until"
        label={t('credit.overrideUntil')}
        extra={t('credit.overrideUntilHint', { days: MAX_DAYS })}
        rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.overrideUntil') }) }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(today, 'day') || d.isAfter(today.add(MAX_DAYS, 'day'), 'day')} data-testid="override-until" />
      </Form.Item>
    </FormModal>
  );
}

/** 结束调整: the reason for ending the override early. */
export function EndOverrideModal({ uscc, open, onClose, onSaved }: { uscc: string; open: boolean; onClose: () => void; onSaved: (c: Credit) => void }) {
  const { t } = useTranslation();
  const save = async (v: { reason: string }) => onSaved(await creditApi.endOverride(uscc, v.reason.trim()));
  return (
    <FormModal<{ reason: string }> open={open} title={t('credit.endOverrideTitle')} onClose={onClose} onSubmit={save} okText={t('credit.endOverride')}>
      <Form.Item name="reason" label={t('credit.reasonField')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credit.reasonField') }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
