import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { FormModal } from '../../../app/components/FormModal';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { useActiveUserOptions } from '../../users';
import { MEASURE_FIELDS, MeasureFields, type MeasureValues, toTransitionInput } from '../MeasureFields';
import { feedbackApi, type FeedbackDecision, type FeedbackDecisionInput, type FeedbackDetail } from './feedback.api';
import '../exits/exits.pages.i18n';
import './feedback.pages.i18n';

type ExitDecision = Extract<FeedbackDecisionInput, { decision: 'exit' }>;
type ExitKind = NonNullable<ExitDecision['exitKind']>;

// Records make the compiler insist on every value (and their keys list them for the selects).
const EXIT_KINDS: Record<ExitKind, true> = { conditions_lost: true, closure: true, serious_violation: true };
const LAW_AREAS: Record<NonNullable<ExitDecision['lawArea']>, true> = { price: true, tax: true, real_estate: true, product_quality: true, labour: true };

type DecisionValues = Partial<MeasureValues> &
  Pick<ExitDecision, 'exitKind' | 'lawArea' | 'investigatorId' | 'investigationWorkingDays'> & {
    decision: FeedbackDecision;
    licenceId?: string;
    reason: string;
  };

/** The dialog's fields, named as the API names them in `details.field`. */
const FIELDS = ['licenceId', ...MEASURE_FIELDS, 'exitKind', 'lawArea', 'investigatorId', 'investigationWorkingDays'] as const;

function toDecision(v: DecisionValues): FeedbackDecisionInput {
  switch (v.decision) {
    case 'none':
      return { decision: 'none', reason: v.reason.trim() };
    case 'measure':
      return { decision: 'measure', licenceId: v.licenceId!, ...toTransitionInput(v as MeasureValues) };
    case 'exit':
      return {
        decision: 'exit',
        licenceId: v.licenceId!,
        reason: v.reason.trim(),
        exitKind: v.exitKind,
        lawArea: v.lawArea ?? null,
        investigatorId: v.investigatorId ?? null,
        investigationWorkingDays: v.investigationWorkingDays ?? null,
      };
  }
}

/** What an exit procedure needs: its kind, and the law area or the investigation that kind calls for. */
function ExitFields() {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const users = useActiveUserOptions();
  const form = Form.useFormInstance<DecisionValues>();
  const kind = Form.useWatch('exitKind', form);
  return (
    <>
      <Form.Item name="exitKind" label={t('feedback.exitKind')} rules={selectRequired(t('feedback.exitKind'))} extra={kind && t(`exits.kindHints.${kind}`)}>
        <Select options={(Object.keys(EXIT_KINDS) as ExitKind[]).map((k) => ({ value: k, label: t(`exits.kinds.${k}`) }))} />
      </Form.Item>
      {kind === 'serious_violation' && (
        <Form.Item name="lawArea" label={t('exits.lawArea')} rules={selectRequired(t('exits.lawArea'))}>
          <Select options={Object.keys(LAW_AREAS).map((a) => ({ value: a, label: t(`exits.lawAreas.${a}`) }))} />
        </Form.Item>
      )}
      {kind === 'conditions_lost' && (
        <>
          <Form.Item name="investigatorId" label={t('exits.investigator')} rules={selectRequired(t('exits.investigator'))}>
            <Select showSearch optionFilterProp="label" options={users.options} loading={users.loading} />
          </Form.Item>
          <Form.Item
            name="investigationWorkingDays"
            label={t('exits.investigationWorkingDays')}
            rules={selectRequired(t('exits.investigationWorkingDays'))}
            extra={t('exits.investigationHint')}
          >
            <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} addonAfter={t('exits.workingDays')} />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** The fields for the chosen decision; a measure or an exit acts on one of the holder's licences still in force. */
function DecisionFields({ notice }: { notice: FeedbackDetail }) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const form = Form.useFormInstance<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const licenceId = Form.useWatch('licenceId', form);
  const live = notice.licences.filter((l) => l.allowedTargets.length > 0);
  const chosen = live.find((l) => l.id === licenceId);
  const reason = (
    <Form.Item name="reason" label={t('feedback.decisionReason')} rules={required(t('feedback.decisionReason'))}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="decision" label={t('feedback.decision')} rules={selectRequired(t('feedback.decision'))}>
        <Radio.Group
          options={(['none', 'measure', 'exit'] as const).map((d) => ({ value: d, label: t(`feedback.decisions.${d}`), disabled: d !== 'none' && live.length === 0 }))}
        />
      </Form.Item>
      {(decision === 'measure' || decision === 'exit') && (
        <Form.Item name="licenceId" label={t('feedback.licence')} rules={selectRequired(t('feedback.licence'))}>
          <Select showSearch optionFilterProp="label" options={live.map((l) => ({ value: l.id, label: withNote(t, `${l.typeName} ${l.number}`, t(`licenceState.${l.state}`)) }))} />
        </Form.Item>
      )}
      {decision === 'measure' && <MeasureFields targets={chosen?.allowedTargets ?? []} />}
      {decision === 'exit' && <ExitFields />}
      {(decision === 'none' || decision === 'exit') && reason}
    </>
  );
}

interface Props {
  /** The notice to decide; null when the dialog is closed. */
  notice: FeedbackDetail | null;
  onClose: () => void;
  onDone: (decided: FeedbackDetail) => void;
  /** Someone else decided or changed the notice since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Decides a notice, once: no measure with a reason, a measure on one of the holder's licences, or an exit procedure. */
export function FeedbackDecisionModal({ notice, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal<DecisionValues>
      open={!!notice}
      width={640}
      title={t('feedback.decide')}
      okText={t('common.ok')}
      initialValues={{ exitKind: notice?.exitKind ?? undefined }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onDone(await feedbackApi.decide(notice!.id, toDecision(v), notice!.version))}
      onClose={onClose}
      onStale={onStale}
    >
      {notice && <DecisionFields notice={notice} />}
    </FormModal>
  );
}
