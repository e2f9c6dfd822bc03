import { Button, Form, Input, Radio } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerFieldError } from '../../../app/components/ServerFieldError';
import { isStale } from '../../../api/client';
import { useNotifyError } from '../../../app/errors';
import { namedFieldError, useServerFieldError } from '../../../app/hooks/useServerFieldError';
import { exitsApi, type Exit, type ExitDecisionInput, type ExitOutcome, type InvestigationInput } from './exits.api';
import './exits.pages.i18n';

/** An inline form for the procedure's current step: server errors under their fields, others as a toast. */
function StepForm<V extends object>(props: { name: string; fields: readonly string[]; submitText: string; initialValues?: Partial<V>; onSubmit: (values: V) => Promise<unknown>; onStale: () => void; children: ReactNode }) {
  const notifyError = useNotifyError();
  const fieldError = useServerFieldError(namedFieldError(props.fields));
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: V) => {
    setSaving(true);
    try {
      await fieldError.guard(() => props.onSubmit(values));
    } catch (err) {
      notifyError(err);
      // Someone else took the step meanwhile: show the procedure as it is now.
      if (isStale(err)) props.onStale();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<V> name={props.name} layout="vertical" initialValues={props.initialValues} onFinish={(v) => void onFinish(v)} style={{ maxWidth: 720 }}>
      <ServerFieldError error={fieldError.error} />
      {props.children}
      <Button type="primary" htmlType="submit" loading={saving}>
        {props.submitText}
      </Button>
    </Form>
  );
}

interface StepProps {
  exit: Exit;
  onDone: (exit: Exit) => void;
  /** The procedure changed since it was loaded (412): reload it. */
  onStale: () => void;
}

/** Records what the investigation found and whether the holder has a justified reason. */
export function InvestigationForm({ exit, onDone, onStale }: StepProps) {
  const { t } = useTranslation();
  return (
    <StepForm<InvestigationInput>
      name="investigation"
      fields={['findings', 'justifiedReason']}
      submitText={t('exits.recordInvestigation')}
      onSubmit={async (v) => onDone(await exitsApi.investigate(exit.id, { findings: v.findings.trim(), justifiedReason: v.justifiedReason }, exit.version))}
      onStale={onStale}
    >
      <Form.Item name="findings" label={t('exits.findings')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('exits.findings') }) }]}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item name="justifiedReason" label={t('exits.justifiedReason')} rules={[{ required: true, message: t('common.selectRequired', { field: t('exits.justifiedReason') }) }]}>
        <Radio.Group
          options={[
            { value: false, label: t('exits.notJustified') },
            { value: true, label: t('exits.justified') },
          ]}
        />
      </Form.Item>
    </StepForm>
  );
}

interface DecisionValues {
  outcome: ExitOutcome;
  reason: string;
  legalBasis?: string;
  documentNo?: string;
}

/** Decides among the outcomes the server allows; revocation and cancellation need a legal basis and a document number. */
export function DecisionForm({ exit, onDone, onStale }: StepProps) {
  const { t } = useTranslation();
  const toInput = (v: DecisionValues): ExitDecisionInput => ({ outcome: v.outcome, reason: v.reason.trim(), legalBasis: v.legalBasis?.trim() || null, documentNo: v.documentNo?.trim() || null });
  // A dismissal is no measure on the licence: it needs neither.
  const requiredUnlessDismissed = (key: string) => ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    required: getFieldValue('outcome') !== 'dismissed',
    whitespace: true,
    message: t('common.required', { field: t(key) }),
  });
  return (
    <StepForm<DecisionValues>
      name="decision"
      fields={['outcome', 'reason', 'legalBasis', 'documentNo']}
      submitText={t('exits.decide')}
      initialValues={exit.allowedOutcomes.length === 1 ? { outcome: exit.allowedOutcomes[0] } : undefined}
      onSubmit={async (v) => onDone(await exitsApi.decide(exit.id, toInput(v), exit.version))}
      onStale={onStale}>
      <Form.Item name="outcome" label={t('exits.outcome')} extra={t('exits.decisionHint')} rules={[{ required: true, message: t('common.selectRequired', { field: t('exits.outcome') }) }]}>
        <Radio.Group options={exit.allowedOutcomes.map((o) => ({ value: o, label: t(`exits.outcomes.${o}`) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('exits.decisionReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('exits.decisionReason') }) }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('exits.legalBasis')} dependencies={['outcome']} rules={[requiredUnlessDismissed('exits.legalBasis')]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="documentNo" label={t('exits.documentNo')} dependencies={['outcome']} rules={[requiredUnlessDismissed('exits.documentNo')]}>
        <Input maxLength={100} />
      </Form.Item>
    </StepForm>
  );
}
