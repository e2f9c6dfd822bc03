import { Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { useInspectionOptions } from '../labels';
import type { ExtraFinding } from './tasks.api';
import { isAfterToday, todayInChina } from '../../../app/format';
import './tasks.pages.i18n';

export interface SubmitValues {
  inspectedOn: Dayjs;
  findings?: ExtraFinding[];
}

const FIELDS = ['inspectedOn'] as const;

/** The findings the inspector adds to those the checklist produces. */
function ExtraFindings() {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const { severities } = useInspectionOptions();
  const text = t('inspectionTasks.findingText');
  const severity = t('inspectionTasks.severity');
  return (
    <Form.List name="findings">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('inspectionTasks.extraFindings')}</Typography.Text>
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="extra-finding">
              <Form.Item name={[field.name, 'text']} rules={required(text)} style={{ flex: '1 1 220px', marginBottom: 0 }}>
                <Input.TextArea rows={1} autoSize maxLength={1000} placeholder={text} aria-label={`${text} ${i + 1}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'severity']} rules={selectRequired(severity)} style={{ width: 120, marginBottom: 0 }}>
                <Select options={severities} placeholder={severity} aria-label={`${severity} ${i + 1}`} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('inspectionTasks.removeFinding')} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ severity: 'minor' })} block>
            {t('inspectionTasks.addFinding')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSubmit: (values: SubmitValues) => Promise<unknown>;
}

/** 提交检查结果: the day of the check and the inspector's own findings; the answers come from the checklist form. */
export function SubmitModal({ open, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const inspectedOn = t('inspectionTasks.inspectedOn');
  return (
    <FormModal<SubmitValues>
      open={open}
      title={t('inspectionTasks.submit')}
      okText={t('inspectionTasks.submit')}
      initialValues={{ inspectedOn: todayInChina() }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('inspectionTasks.submitHint')}</Typography.Paragraph>
      <Form.Item name="inspectedOn" label={inspectedOn} rules={selectRequired(inspectedOn)}>
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={isAfterToday} />
      </Form.Item>
      <ExtraFindings />
    </FormModal>
  );
}
