import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/errors';
import { isAfterToday, todayInChina } from '../../app/format';
import { eqApi, type CreatedEmergencyRecord, type EmergencyRecordRow } from './equipmentSafety.api';
import './equipmentSafety.pages.i18n';

interface Values {
  userUscc?: string;
  kind: 'plan' | 'drill';
  title: string;
  on: Dayjs;
  participants?: number;
  note?: string;
}

const ACCEPT = 'application/pdf,.pdf,image/jpeg,image/png,.jpg,.jpeg,.png,.doc,.docx';

/** Records an emergency plan (应急预案) or a drill (演练记录) with its files; staff name the user unit, an enterprise records its own. */
export function EmergencyFormModal({ open, onClose, onSaved, askUscc }: { open: boolean; onClose: () => void; onSaved: (r: CreatedEmergencyRecord) => void; askUscc: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const save = async (v: Values) => {
    setSaving(true);
    try {
      const saved = await eqApi.createEmergency(
        { ...(v.userUscc ? { userUscc: v.userUscc.trim().toUpperCase() } : {}), kind: v.kind, title: v.title.trim(), on: v.on.format('YYYY-MM-DD'), ...(v.participants ? { participants: v.participants } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
      );
      void message.success(t('common.created'));
      form.resetFields();
      setFiles([]);
      onSaved(saved);
      onClose();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('eqs.emergencyCreate')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnClose>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'drill', on: todayInChina() }} onFinish={(v) => void save(v)}>
        {askUscc && (
          <Form.Item name="userUscc" label={t('eqs.userUscc')} rules={[{ required: true, message: t('common.required', { field: t('eqs.userUscc') }) }, { len: 18, message: t('eqs.usccFormat') }]}>
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('eqs.emergencyKind')}>
          <Radio.Group optionType="button" options={(['plan', 'drill'] as const).map((k) => ({ value: k, label: t(`eqs.emergency.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('eqs.emergencyTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('eqs.emergencyTitle') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="on" label={t(kind === 'plan' ? 'eqs.planOn' : 'eqs.drillOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.emergencyOn') }) }]}>
          <DatePicker inputReadOnly disabledDate={isAfterToday} style={{ width: '100%' }} />
        </Form.Item>
        {kind !== 'plan' && (
          <Form.Item name="participants" label={t('eqs.participants')}>
            <InputNumber min={1} max={100000} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('eqs.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('eqs.attachments')}>
          <Upload multiple accept={ACCEPT} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<PaperClipOutlined />}>{t('eqs.addFiles')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The files of a plan or drill record: their count, opened as download links on demand. */
export function EmergencyFiles({ record }: { record: Pick<EmergencyRecordRow, 'id' | 'files'> }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<{ id: string; fileName: string }[] | null>(null);
  const notifyError = useNotifyError();
  if (!record.files) return <span>—</span>;
  if (!files)
    return (
      <Button
        type="link"
        size="small"
        icon={<PaperClipOutlined />}
        style={{ padding: 0 }}
        onClick={(e) => {
          e.preventDefault();
          eqApi.emergencyRecord(record.id).then((r) => setFiles(r.attachments), notifyError);
        }}
      >
        {t('eqs.filesN', { count: record.files })}
      </Button>
    );
  return (
    <Space direction="vertical" size={0}>
      {files.map((f) => (
        <a key={f.id} href={eqApi.emergencyFileUrl(record.id, f.id)} download style={{ wordBreak: 'break-all' }}>
          <PaperClipOutlined /> {f.fileName}
        </a>
      ))}
    </Space>
  );
}
