import { Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useAsync } from '../../app/hooks/useAsync';
import { creditApi, LISTING_SOURCES, type ListingInput, type ListingRow, type ListingSource } from './credit.api';
import './credit.pages.i18n';

const RULES = ['serious_penalty', 'repeat_failure'] as const;
/** The usual legal basis of a listing (SAMR Order 44); the officer may change it. */
const DEFAULT_BASIS = '《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）';

/** A case picked by its number or party (case.read). */
function CaseSelect({ value, onChange, id }: { value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const [q, setQ] = useState('');
  const found = useAsync(() => creditApi.cases(q.trim()), q);
  return (
    <Select<string>
      id={id}
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setQ}
      loading={found.loading}
      onChange={(v) => onChange?.(v)}
      options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.caseNo} ${c.partyName}` }))}
      data-testid="listing-case"
    />
  );
}

/** 提出列入建议: USCC, the source (a case, a rule or manual), the reason and the legal basis. */
export function ProposeModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (l: ListingRow) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const sources = LISTING_SOURCES.filter((s) => s !== 'case' || can('case.read'));
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field: t(field) }) }];
  const save = async (v: ListingInput) =>
    onSaved(
      await creditApi.propose({
        uscc: v.uscc.trim().toUpperCase(),
        source: v.source,
        caseId: v.source === 'case' ? v.caseId : null,
        ruleKey: v.source === 'rule' ? v.ruleKey : null,
        reason: v.reason.trim(),
        legalBasis: v.legalBasis.trim(),
      }),
    );
  return (
    <FormModal<ListingInput> open={open} title={t('credit.proposeTitle')} onClose={onClose} onSubmit={save} initialValues={{ source: 'manual', legalBasis: DEFAULT_BASIS }} width={640}>
      {(form) => (
        <>
          <Form.Item name="uscc" label={t('credit.uscc')} rules={required('credit.uscc')}>
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item name="source" label={t('credit.source')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={sources.map((s: ListingSource) => ({ value: s, label: t(`credit.sources.${s}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: ListingInput, b: ListingInput) => a.source !== b.source}>
            {() =>
              form.getFieldValue('source') === 'case' ? (
                <Form.Item name="caseId" label={t('credit.case')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.case') }) }]}>
                  <CaseSelect />
                </Form.Item>
              ) : form.getFieldValue('source') === 'rule' ? (
                <Form.Item name="ruleKey" label={t('credit.rule')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.rule') }) }]}>
                  <Select options={RULES.map((r) => ({ value: r, label: t(`credit.rules.${r}`) }))} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="reason" label={t('credit.listingReason')} rules={required('credit.listingReason')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Form.Item name="legalBasis" label={t('credit.legalBasis')} rules={required('credit.legalBasis')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
