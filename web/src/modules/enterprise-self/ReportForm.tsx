import { App, Button, DatePicker, Form, Input, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/errors';
import { isAfterToday, todayInChina } from '../../app/format';
import { enterpriseSelfApi, type MyOrder, type MyTask } from './enterpriseSelf.api';

interface Values {
  reportText: string;
  reportedOn: Dayjs;
}

const ACCEPT = 'image/jpeg,image/png,.jpg,.jpeg,.png,application/pdf,.pdf';

/** 报送整改: the enterprise reports what it did on an open order, with photos or PDF files. */
export function ReportForm({ order, onReported }: { order: MyOrder; onReported: (task: MyTask) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);

  const send = async (v: Values) => {
    setSending(true);
    try {
      const task = await enterpriseSelfApi.report(order.id, {
        reportText: v.reportText.trim(),
        reportedOn: v.reportedOn.format('YYYY-MM-DD'),
        files: files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
      });
      void message.success(t('entSelf.reportSent'));
      onReported(task);
    } catch (err) {
      notifyError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Form<Values> layout="vertical" initialValues={{ reportedOn: todayInChina() }} onFinish={(v) => void send(v)} data-testid="report-form">
      <Typography.Paragraph type="secondary">{t('entSelf.reportHint')}</Typography.Paragraph>
      <Form.Item name="reportText" label={t('entSelf.reportText')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('entSelf.reportText') }) }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="reportedOn" label={t('entSelf.reportedOn')} rules={[{ required: true, message: t('common.required', { field: t('entSelf.reportedOn') }) }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => isAfterToday(d) || d.isBefore(dayjs(order.issuedOn), 'day')} />
      </Form.Item>
      <Form.Item label={t('entSelf.files')}>
        <Upload multiple accept={ACCEPT} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} listType="text">
          <Button icon={<PaperClipOutlined />}>{t('entSelf.addFiles')}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={sending}>
        {t('entSelf.report')}
      </Button>
    </Form>
  );
}
