import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { useLeadOutcomeOptions } from './leadLabels';
import { leadsApi, type CloseLeadInput, type Lead } from './leads.api';
import './leads.pages.i18n';

const FIELDS = ['outcome', 'result'] as const satisfies readonly (keyof CloseLeadInput)[];

interface Props {
  /** The lead to close; null when the dialog is closed. */
  lead: Lead | null;
  onClose: () => void;
  onDone: (lead: Lead) => void;
  /** Someone else changed the lead since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Closes a lead for good with its outcome and what was done. */
export function CloseLeadModal({ lead, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const outcomes = useLeadOutcomeOptions();

  return (
    <FormModal<CloseLeadInput>
      open={!!lead}
      title={t('leads.close')}
      okText={t('common.ok')}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onDone(await leadsApi.close(lead!.id, { outcome: v.outcome, result: v.result.trim() }, lead!.version))}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item name="outcome" label={t('leads.outcome')} rules={[{ required: true, message: t('common.selectRequired', { field: t('leads.outcome') }) }]}>
        <Select showSearch optionFilterProp="label" options={outcomes} />
      </Form.Item>
      <Form.Item name="result" label={t('leads.result')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('leads.result') }) }]}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
