import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { feedbackApi, type Feedback, type FeedbackInput } from './feedback.api';
import { useFeedbackKindOptions } from './feedbackLabels';
import { isAfterToday } from '../../../app/format';
import './feedback.pages.i18n';

type FeedbackFormValues = Omit<FeedbackInput, 'occurredOn'> & { occurredOn: Dayjs };

/** The dialog's fields, named as the API names them in `details.field`. */
const FIELDS = ['uscc', 'department', 'kind', 'summary', 'occurredOn', 'documentNo'] as const satisfies readonly (keyof FeedbackFormValues)[];

function toInput(v: FeedbackFormValues): FeedbackInput {
  return {
    uscc: v.uscc.replace(/\s/g, '').toUpperCase(),
    department: v.department.trim(),
    kind: v.kind,
    summary: v.summary.trim(),
    occurredOn: v.occurredOn.format('YYYY-MM-DD'),
    documentNo: v.documentNo?.trim() || null,
  };
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (saved: Feedback) => void;
}

/** An officer enters a notice another department sent on paper or by mail (source `manual`). */
export function FeedbackFormModal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const kinds = useFeedbackKindOptions();
  const { required, selectRequired } = useRequiredRules();

  return (
    <FormModal<FeedbackFormValues>
      open={open}
      width={720}
      title={t('feedback.create')}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onSaved(await feedbackApi.create(toInput(v)))}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="uscc" label={t('feedback.uscc')} rules={required(t('feedback.uscc'))}>
            <CodeInput maxLength={24} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('feedback.kind')} rules={selectRequired(t('feedback.kind'))}>
            <Select options={kinds} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="department" label={t('feedback.department')} rules={required(t('feedback.department'))} extra={t('feedback.departmentHint')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="documentNo" label={t('feedback.documentNo')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="occurredOn" label={t('feedback.occurredOn')} rules={selectRequired(t('feedback.occurredOn'))}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="summary" label={t('feedback.summary')} rules={required(t('feedback.summary'))}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
