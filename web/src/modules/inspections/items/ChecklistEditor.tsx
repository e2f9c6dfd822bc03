import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CodeInput } from '../../../app/components/CodeInput';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { useInspectionOptions } from '../labels';
import { QUESTION_KEY, newQuestion, type QuestionValues } from './itemForm';
import '../configure.pages.i18n';

const MAX_QUESTIONS = 200;

/** The finding fields of one question: only for yes/no questions. */
function FindingFields({ name }: { name: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const answerType = Form.useWatch(['checklist', name, 'answerType'], form) as QuestionValues['answerType'] | undefined;
  const { severities } = useInspectionOptions();
  if (answerType !== 'yes_no') return null;
  return (
    <Row gutter={12}>
      <Col span={16}>
        <Form.Item name={[name, 'findingText']} label={t('inspections.checklist.finding')} extra={t('inspections.checklist.findingHint')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[name, 'findingSeverity']} label={t('inspections.checklist.severity')}>
          <Select options={severities} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * The checklist of an item, question by question: add, remove, move up and down; the finding a
 * "no" records only on yes/no questions. Errors the server names for one question are shown below.
 */
export function ChecklistEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const { required, selectRequired } = useRequiredRules();
  const { answerTypes } = useInspectionOptions();
  const label = (key: string) => t(`inspections.checklist.${key}`);

  const uniqueKey = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, value: string | undefined) => {
      const keys = ((getFieldValue('checklist') as QuestionValues[] | undefined) ?? []).map((q) => q?.key?.trim());
      return value && keys.filter((k) => k === value.trim()).length > 1 ? Promise.reject(new Error(label('keyDuplicate'))) : Promise.resolve();
    },
  });
  const atLeastOne = {
    validator: (_: unknown, value: unknown[] | undefined) => (value?.length ? Promise.resolve() : Promise.reject(new Error(label('empty')))),
  };

  return (
    <Form.List name="checklist" rules={[atLeastOne]}>
      {(fields, { add, remove, move }, { errors }) => (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {fields.map(({ key, name }, index) => (
            <Card
              key={key}
              size="small"
              data-testid="question-card"
              title={t('inspections.checklist.question', { index: index + 1 })}
              extra={
                <Space size={0}>
                  <Tooltip title={label('moveUp')}>
                    <Button type="text" size="small" aria-label={label('moveUp')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} />
                  </Tooltip>
                  <Tooltip title={label('moveDown')}>
                    <Button type="text" size="small" aria-label={label('moveDown')} icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} />
                  </Tooltip>
                  <Tooltip title={label('remove')}>
                    <Button type="text" size="small" danger aria-label={label('remove')} icon={<DeleteOutlined />} onClick={() => remove(name)} />
                  </Tooltip>
                </Space>
              }
            >
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item
                    name={[name, 'key']}
                    label={label('key')}
                    rules={[...required(label('key')), { pattern: QUESTION_KEY, message: label('keyPattern') }, uniqueKey]}
                  >
                    <CodeInput maxLength={40} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={[name, 'answerType']} label={label('answerType')} rules={selectRequired(label('answerType'))}>
                    <Select options={answerTypes} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[name, 'required']} label={label('required')} valuePropName="checked">
                    <Checkbox />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[name, 'text']} label={label('text')} rules={required(label('text'))}>
                <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
              <FindingFields name={name} />
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= MAX_QUESTIONS}
            onClick={() => add(newQuestion((form.getFieldValue('checklist') as QuestionValues[] | undefined) ?? []))}
          >
            {label('add')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
