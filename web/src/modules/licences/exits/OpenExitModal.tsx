import { DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { FormModal } from '../../../app/components/FormModal';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { useActiveUserOptions } from '../../users';
import type { Licence } from '../licences.api';
import { useExitOptions } from './exitLabels';
import { exitsApi, type Exit, type ExitKind, type LawArea, type OpenExitInput, type TriggerSource } from './exits.api';
import { isAfterToday, todayInChina } from '../../../app/format';
import './exits.pages.i18n';

/** The server's longest investigation period, in working days. */
const MAX_INVESTIGATION_WORKING_DAYS = 120;

const SOURCES: Record<TriggerSource, true> = { complaint: true, department: true, government: true };

interface OpenExitValues {
  kind: ExitKind;
  triggerSource: TriggerSource;
  triggerParty: string;
  triggerSummary: string;
  triggerDocumentNo?: string;
  triggerOn: Dayjs;
  lawArea?: LawArea;
  investigatorId?: string;
  investigationWorkingDays?: number;
}

const FIELDS = ['kind', 'triggerSource', 'triggerParty', 'triggerSummary', 'triggerDocumentNo', 'triggerOn', 'lawArea', 'investigatorId', 'investigationWorkingDays'] as const satisfies readonly (keyof OpenExitValues)[];

const toInput = (licenceId: string, v: OpenExitValues): OpenExitInput => ({
  licenceId,
  kind: v.kind,
  triggerSource: v.triggerSource,
  triggerParty: v.triggerParty.trim(),
  triggerSummary: v.triggerSummary.trim(),
  triggerDocumentNo: v.triggerDocumentNo?.trim() || null,
  triggerOn: v.triggerOn.format('YYYY-MM-DD'),
  lawArea: v.kind === 'serious_violation' ? v.lawArea : null,
  investigatorId: v.kind === 'conditions_lost' ? v.investigatorId : null,
  investigationWorkingDays: v.kind === 'conditions_lost' ? v.investigationWorkingDays : null,
});

/** The fields one kind needs: the law broken for a serious violation, the investigation for lost conditions. */
function KindFields() {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const form = Form.useFormInstance<OpenExitValues>();
  const kind = Form.useWatch('kind', form);
  const options = useExitOptions();
  const investigators = useActiveUserOptions();
  if (kind === 'serious_violation') {
    return (
      <Form.Item name="lawArea" label={t('exits.lawArea')} rules={selectRequired(t('exits.lawArea'))}>
        <Select options={options.lawAreas} />
      </Form.Item>
    );
  }
  if (kind === 'conditions_lost') {
    return (
      <>
        <Form.Item name="investigatorId" label={t('exits.investigator')} rules={selectRequired(t('exits.investigator'))}>
          <Select showSearch optionFilterProp="label" options={investigators.options} loading={investigators.loading} />
        </Form.Item>
        <Form.Item name="investigationWorkingDays" label={t('exits.investigationWorkingDays')} rules={selectRequired(t('exits.investigationWorkingDays'))} extra={t('exits.investigationHint')}>
          <InputNumber min={1} max={MAX_INVESTIGATION_WORKING_DAYS} precision={0} style={{ width: '100%' }} addonAfter={t('exits.workingDays')} />
        </Form.Item>
      </>
    );
  }
  return null;
}

interface Props {
  /** The licence to open a procedure on; null when the dialog is closed. */
  licence: Licence | null;
  onClose: () => void;
  onDone: (exit: Exit) => void;
}

/** Starts one of the three exit workflows on a licence. */
export function OpenExitModal({ licence, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const options = useExitOptions();

  return (
    <FormModal<OpenExitValues>
      open={!!licence}
      title={licence ? `${t('exits.open')} · ${licence.typeName} ${licence.number}` : t('exits.open')}
      okText={t('common.ok')}
      width={640}
      initialValues={{ triggerOn: todayInChina() }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onDone(await exitsApi.open(toInput(licence!.id, v)))}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('exits.kind')} rules={selectRequired(t('exits.kind'))}>
        <Radio.Group>
          <Space direction="vertical">
            {options.kinds.map((k) => (
              <Radio key={k.value} value={k.value}>
                {k.label}
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                  {t(`exits.kindHints.${k.value}`)}
                </Typography.Paragraph>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="triggerSource" label={t('exits.triggerSource')} rules={selectRequired(t('exits.triggerSource'))}>
        <Select showSearch optionFilterProp="label" options={(Object.keys(SOURCES) as TriggerSource[]).map((s) => ({ value: s, label: t(`exits.triggerSources.${s}`) }))} />
      </Form.Item>
      <Form.Item name="triggerParty" label={t('exits.triggerParty')} rules={required(t('exits.triggerParty'))} extra={t('exits.triggerPartyHint')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="triggerSummary" label={t('exits.triggerSummary')} rules={required(t('exits.triggerSummary'))}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Space size={16} style={{ display: 'flex' }} align="start">
        <Form.Item name="triggerOn" label={t('exits.triggerOn')} rules={selectRequired(t('exits.triggerOn'))}>
          <DatePicker format="YYYY-MM-DD" disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="triggerDocumentNo" label={t('exits.triggerDocumentNo')}>
          <Input maxLength={100} style={{ width: 260 }} />
        </Form.Item>
      </Space>
      <KindFields />
    </FormModal>
  );
}
