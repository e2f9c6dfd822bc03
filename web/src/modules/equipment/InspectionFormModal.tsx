import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { isAfterToday } from '../../app/format';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { BOILER, equipmentApi, type Conclusion, type InspectionKind, type RecordedInspection, type Unit } from './equipment.api';
import { useUnitOptions } from './equipmentLabels';

interface InspectionFormValues {
  inspectedOn: Dayjs;
  kind?: InspectionKind;
  institution: string;
  reportNo: string;
  conclusion: Conclusion;
}

const FIELDS = ['inspectedOn', 'kind', 'institution', 'reportNo', 'conclusion'] as const satisfies readonly (keyof InspectionFormValues)[];

interface Props {
  unit: Unit;
  open: boolean;
  onClose: () => void;
  onRecorded: (inspection: RecordedInspection) => void;
}

/** Records a periodic inspection (boilers: internal or external); the answer carries the unit's new due date. */
export function InspectionFormModal({ unit, open, onClose, onRecorded }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const { conclusionOptions } = useUnitOptions();
  const boiler = unit.category === BOILER;
  const kindOptions = (['internal', 'external'] as const).map((k) => ({ value: k, label: t(`equipment.kinds.${k}`) }));

  return (
    <FormModal<InspectionFormValues>
      open={open}
      width={640}
      title={t('equipment.recordInspection')}
      initialValues={boiler ? { kind: 'external' } : {}}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) =>
        onRecorded(
          await equipmentApi.recordInspection(unit.id, {
            inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
            kind: boiler ? v.kind : 'periodic',
            institution: v.institution.trim(),
            reportNo: v.reportNo.trim(),
            conclusion: v.conclusion,
          }),
        )
      }
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="inspectedOn" label={t('equipment.inspectedOn')} rules={selectRequired(t('equipment.inspectedOn'))}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
          </Form.Item>
        </Col>
        {boiler && (
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('equipment.inspectionKind')} rules={selectRequired(t('equipment.inspectionKind'))}>
              <Select showSearch optionFilterProp="label" options={kindOptions} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12}>
          <Form.Item name="conclusion" label={t('equipment.conclusion')} rules={selectRequired(t('equipment.conclusion'))}>
            <Select showSearch optionFilterProp="label" options={conclusionOptions} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="institution" label={t('equipment.institution')} rules={required(t('equipment.institution'))}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="reportNo" label={t('equipment.reportNo')} rules={required(t('equipment.reportNo'))}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
