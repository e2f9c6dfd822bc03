import { App, Button, DatePicker, Descriptions, Form, Input, Space, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNotifyError } from '../../app/errors';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { eqApi, type Hazard } from './equipmentSafety.api';
import { HazardLevelTag, HazardStateTag } from './labels';
import './equipmentSafety.pages.i18n';

const ACCEPT = 'image/jpeg,image/png,.jpg,.jpeg,.png,application/pdf,.pdf';

/** A hazard's facts: source, level, dates, the correction with its evidence, the county's closing report. */
export function HazardDescriptions({ hazard, unitLink }: { hazard: Hazard; unitLink?: (id: string) => string }) {
  const { t } = useTranslation();
  const files = hazard.files ?? [];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="hazard-facts"
      items={[
        { key: 'state', label: t('common.status'), children: <Space size={4}><HazardStateTag hazard={hazard} /><HazardLevelTag level={hazard.level} /></Space> },
        { key: 'desc', label: t('eqs.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{hazard.description}</span> },
        { key: 'source', label: t('eqs.sourceLabel'), children: t(`eqs.source.${hazard.source}`) },
        { key: 'user', label: t('eqs.userName'), children: hazard.userName ?? hazard.userUscc },
        ...(hazard.equipmentId
          ? [{ key: 'unit', label: t('eqs.unit'), children: unitLink ? <Link to={unitLink(hazard.equipmentId)}>{hazard.equipmentCode ?? hazard.equipmentId}</Link> : (hazard.equipmentCode ?? hazard.equipmentId) }]
          : []),
        { key: 'found', label: t('eqs.foundOn'), children: formatDate(hazard.foundOn) },
        { key: 'due', label: t('eqs.correctionDueOn'), children: formatDate(hazard.correctionDueOn) },
        ...(hazard.correctedOn
          ? [
              { key: 'corrected', label: t('eqs.correctedOn'), children: <span data-testid="hazard-corrected-on">{formatDate(hazard.correctedOn)}</span> },
              { key: 'note', label: t('eqs.correctionNote'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{hazard.correctionNote ?? '—'}</span> },
              ...(hazard.correctedByKind ? [{ key: 'by', label: t('eqs.correctedBy'), children: t(`eqs.reportedBy.${hazard.correctedByKind}`) }] : []),
            ]
          : []),
        ...(files.length
          ? [
              {
                key: 'files',
                label: t('eqs.evidence'),
                children: (
                  <Space direction="vertical" size={0}>
                    {files.map((f) => (
                      <a key={f.id} href={eqApi.hazardFileUrl(hazard.id, f.id)} download style={{ wordBreak: 'break-all' }}>
                        <PaperClipOutlined /> {f.fileName}
                      </a>
                    ))}
                  </Space>
                ),
              },
            ]
          : []),
        ...(hazard.countyClosedOn ? [{ key: 'county', label: t('eqs.countyClosedOn'), children: `${formatDate(hazard.countyClosedOn)}${hazard.countyClosedNote ? ` · ${hazard.countyClosedNote}` : ''}` }] : []),
      ]}
    />
  );
}

interface CorrectValues {
  correctedOn: Dayjs;
  note: string;
}

/** 报告整改: the correction date, what was done and the evidence (photos, PDF). */
export function CorrectionForm({ hazard, onCorrected }: { hazard: Hazard; onCorrected: (h: Hazard) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);
  const send = async (v: CorrectValues) => {
    setSending(true);
    try {
      const saved = await eqApi.correct(hazard, { correctedOn: v.correctedOn.format('YYYY-MM-DD'), note: v.note.trim() }, files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])));
      void message.success(t('eqs.correctionSent'));
      onCorrected(saved);
    } catch (err) {
      notifyError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <Form<CorrectValues> layout="vertical" initialValues={{ correctedOn: todayInChina() }} onFinish={(v) => void send(v)} data-testid="correction-form">
      <Typography.Paragraph type="secondary">{t('eqs.correctionHint')}</Typography.Paragraph>
      <Form.Item name="correctedOn" label={t('eqs.correctedOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.correctedOn') }) }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => isAfterToday(d) || d.isBefore(dayjs(hazard.foundOn), 'day')} />
      </Form.Item>
      <Form.Item name="note" label={t('eqs.correctionNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('eqs.correctionNote') }) }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label={t('eqs.evidence')}>
        <Upload multiple accept={ACCEPT} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
          <Button icon={<PaperClipOutlined />}>{t('eqs.addFiles')}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={sending}>
        {t('eqs.reportCorrection')}
      </Button>
    </Form>
  );
}
