import { Alert, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { FormModal } from '../../app/components/FormModal';
import { todayInChina } from '../../app/format';
import { creditApi, type ModelConfig, type ModelVersion } from './credit.api';
import './credit.pages.i18n';

interface Values {
  effectiveFrom: Dayjs;
  config: string;
  note?: string;
}

/**
 * A model's validation error by its path: the server answers 400 VALIDATION with
 * `details.field` = `config.<path>` (e.g. `config.factors.3.decay`), shown under the JSON editor.
 */
function configError(err: unknown) {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const field = (err.details as { field?: unknown } | null)?.field;
  if (typeof field !== 'string' || !field.startsWith('config')) return null;
  return { field: 'config', message: `${field}：${err.message}` };
}

/** 新版本: the current configuration as JSON to edit, the day it applies from (today or later), a note. */
export function ModelFormModal({ open, current, onClose, onSaved }: { open: boolean; current: ModelVersion | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const today = todayInChina();
  const save = async (v: Values) => {
    await creditApi.createModel({ effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), config: JSON.parse(v.config) as ModelConfig, note: v.note?.trim() || null });
    onSaved();
  };
  return (
    <FormModal<Values>
      open={open}
      width={820}
      title={t('credit.newModelTitle', { n: (current?.version ?? 0) + 1 })}
      initialValues={{ effectiveFrom: today.add(1, 'day'), config: current ? JSON.stringify(current.config, null, 2) : '' }}
      onClose={onClose}
      onSubmit={save}
      fieldErrorOf={configError}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('credit.newModelHint')} />
      <Form.Item name="effectiveFrom" label={t('credit.effectiveFrom')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.effectiveFrom') }) }]}>
        <DatePicker disabledDate={(d) => d.isBefore(today, 'day')} />
      </Form.Item>
      <Form.Item
        name="config"
        label={t('credit.configJson')}
        rules={[
          { required: true, message: t('common.required', { field: t('credit.configJson') }) },
          {
            validator: async (_, value: string) => {
              try {
                JSON.parse(value);
              } catch (e) {
                throw new Error(t('credit.jsonInvalid', { message: (e as Error).message }));
              }
            },
          },
        ]}
      >
        <Input.TextArea rows={16} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="model-json" />
      </Form.Item>
      <Form.Item name="note" label={t('credit.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
