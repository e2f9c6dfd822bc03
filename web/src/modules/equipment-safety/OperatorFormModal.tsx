import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { isAfterToday } from '../../app/format';
import { eqApi, type Operator } from './equipmentSafety.api';
import { useWorkItems } from './useWorkItems';
import './equipmentSafety.pages.i18n';

interface CertValues {
  workItem: string;
  certificateNo: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs;
}
interface Values {
  name: string;
  idNumber: string;
  employerUscc: string;
  certificates: CertValues[];
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
export const certInput = (c: CertValues) => ({
  workItem: c.workItem,
  certificateNo: c.certificateNo.trim(),
  issuedOn: c.issuedOn.format('YYYY-MM-DD'),
  ...(c.expiresOn ? { expiresOn: c.expiresOn.format('YYYY-MM-DD') } : {}),
});

/** The fields of one certificate (work item, number, issued on, expires on — issued + 4 years when left empty). */
export function CertificateFields({ prefix = [] as (string | number)[] }) {
  const { t } = useTranslation();
  const workItems = useWorkItems();
  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <>
      <Form.Item name={[...prefix, 'workItem']} label={t('eqs.workItem')} rules={req(t('eqs.workItem'))}>
        <Select showSearch optionFilterProp="label" options={workItems.options} />
      </Form.Item>
      <Form.Item name={[...prefix, 'certificateNo']} label={t('eqs.certificateNo')} rules={[...req(t('eqs.certificateNo')), { whitespace: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Space wrap>
        <Form.Item name={[...prefix, 'issuedOn']} label={t('eqs.issuedOn')} rules={req(t('eqs.issuedOn'))}>
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name={[...prefix, 'expiresOn']} label={t('eqs.expiresOn')} extra={t('eqs.expiresDefault')}>
          <DatePicker />
        </Form.Item>
      </Space>
    </>
  );
}

/** 登记作业人员: person, employer and certificates. */
export function OperatorFormModal({ open, onClose, onSaved, employerUscc }: { open: boolean; onClose: () => void; onSaved: (o: Operator) => void; employerUscc?: string }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values>
      open={open}
      title={t('eqs.opCreate')}
      width={640}
      initialValues={{ employerUscc, certificates: [{} as CertValues] }}
      onClose={onClose}
      onSubmit={async (v) => {
        const saved = await eqApi.createOperator({
          name: v.name.trim(),
          idNumber: v.idNumber.trim().toUpperCase(),
          employerUscc: v.employerUscc.trim().toUpperCase(),
          certificates: (v.certificates ?? []).map(certInput),
        });
        onSaved(saved);
      }}
    >
      <Form.Item name="name" label={t('eqs.opName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('eqs.opName') }) }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('eqs.idNumber')} extra={t('eqs.idNumberSealed')} rules={[{ required: true, message: t('common.required', { field: t('eqs.idNumber') }) }, { pattern: ID_NUMBER, message: t('eqs.idNumberFormat') }]}>
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
      <Form.Item name="employerUscc" label={t('eqs.employerUscc')} rules={[{ required: true, message: t('common.required', { field: t('eqs.employerUscc') }) }, { len: 18, message: t('eqs.usccFormat') }]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.List name="certificates">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={t('eqs.certificateN', { n: i + 1 })}
                extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />}
              >
                <CertificateFields prefix={[f.name]} />
              </Card>
            ))}
            <Button block icon={<PlusOutlined />} onClick={() => add({})}>
              {t('eqs.certAdd')}
            </Button>
          </Space>
        )}
      </Form.List>
    </FormModal>
  );
}
