import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Divider, Form, Image, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errorText';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { SignaturePad } from './SignaturePad';
import { samplesApi, type FileKind, type RecordInput, type Sample } from './spotcheckSamples.api';
import { useWrite } from './useWrite';

type RecordValues = Omit<RecordInput, 'sampledOn' | 'productionDate'> & { sampledOn: Dayjs; productionDate?: Dayjs | null };
const ISO = 'YYYY-MM-DD';

/** The 抽样单 as recorded (read only). */
export function RecordView({ sample }: { sample: Sample }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const r = sample.record;
  if (!r) return null;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="record-view">
      <Descriptions.Item label={label('sampledOn')}>{formatDate(r.sampledOn)}</Descriptions.Item>
      <Descriptions.Item label={label('place')}>{r.place}</Descriptions.Item>
      <Descriptions.Item label={label('batchNo')}>{r.batchNo}</Descriptions.Item>
      <Descriptions.Item label={label('productionDate')}>{formatDate(r.productionDate)}</Descriptions.Item>
      <Descriptions.Item label={label('specification')}>{r.specification ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={label('quantity')}>{`${r.quantitySampled} / ${r.baseCount}`}</Descriptions.Item>
      <Descriptions.Item label={label('pricePaid')}>{r.pricePaid.toFixed(2)}</Descriptions.Item>
      <Descriptions.Item label={label('sealNumbers')}>{r.sealNumbers.join('、')}</Descriptions.Item>
      <Descriptions.Item label={label('enterpriseSigner')}>{r.enterpriseSigner}</Descriptions.Item>
      <Descriptions.Item label={label('note')}>{r.note ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

/** The photos and signatures of a sample, as thumbnails (a click shows them full size). */
export function Thumbs({ sample, kind }: { sample: Sample; kind: FileKind }) {
  const files = sample.files.filter((f) => f.kind === kind);
  if (files.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8}>
        {files.map((f) => (
          <Image key={f.id} src={samplesApi.fileUrl(sample.id, f.id)} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 4, background: '#fff' }} alt={f.fileName} data-testid={`file-${kind}`} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/**
 * The 抽样单 on a phone (a sampler of the sample, while assigned or sampled): photos from the
 * camera, the two signatures (the sampler's and the enterprise's) drawn on the screen and uploaded
 * as PNG files, then the form. The server wants ≥ 1 photo and 2 signatures first (FILES_MISSING).
 */
export function RecordCard({ sample, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const { run, busy } = useWrite(onChanged);
  const [uploading, setUploading] = useState<string | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const photos = sample.files.filter((f) => f.kind === 'photo').length;
  const signatures = sample.files.filter((f) => f.kind === 'signature').length;
  const r = sample.status === 'sampled' ? sample.record : null;

  const upload = async (kind: FileKind, file: Blob, name: string, key: string) => {
    setUploading(key);
    try {
      await samplesApi.upload(sample.id, kind, file, name);
      void message.success(label('uploaded'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setUploading(null);
    }
  };
  const onPhotos = async (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) await upload('photo', f, f.name || 'photo.jpg', 'photo');
    if (camera.current) camera.current.value = '';
  };
  const submit = (v: RecordValues) =>
    run(() =>
      samplesApi.saveRecord(sample, {
        ...v,
        sampledOn: v.sampledOn.format(ISO),
        productionDate: v.productionDate ? v.productionDate.format(ISO) : null,
        specification: v.specification || null,
        note: v.note || null,
      }),
    );

  return (
    <Card title={label('recordTitle')} data-testid="record-card">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text strong>{t('spotcheckSamples.photosN', { n: photos })}</Typography.Text>
        <Thumbs sample={sample} kind="photo" />
        <input ref={camera} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void onPhotos(e.target.files)} data-testid="camera-input" />
        <Button icon={<CameraOutlined />} size="large" block onClick={() => camera.current?.click()} loading={uploading === 'photo'}>
          {label('takePhoto')}
        </Button>
        <Divider style={{ margin: '4px 0' }} />
        <Typography.Text strong>{t('spotcheckSamples.signaturesN', { n: signatures })}</Typography.Text>
        <Thumbs sample={sample} kind="signature" />
        <SignaturePad title={label('samplerSignature')} testId="sign-sampler" busy={uploading === 'sampler'} onSave={(b) => void upload('signature', b, 'signature-sampler.png', 'sampler')} />
        <SignaturePad title={label('enterpriseSignature')} testId="sign-enterprise" busy={uploading === 'enterprise'} onSave={(b) => void upload('signature', b, 'signature-enterprise.png', 'enterprise')} />
        <Divider style={{ margin: '4px 0' }} />
        <Form<RecordValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={
            r
              ? { ...r, sampledOn: dayjs(r.sampledOn), productionDate: r.productionDate ? dayjs(r.productionDate) : null }
              : { sampledOn: todayInChina(), sealNumbers: [] }
          }
          data-testid="record-form"
        >
          <Form.Item name="sampledOn" label={label('sampledOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} inputReadOnly />
          </Form.Item>
          <Form.Item name="place" label={label('place')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="batchNo" label={label('batchNo')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="productionDate" label={label('productionDate')}>
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} inputReadOnly />
          </Form.Item>
          <Form.Item name="specification" label={label('specification')}>
            <Input maxLength={200} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="quantitySampled" label={label('quantitySampled')} rules={[{ required: true }]} style={{ width: '50%' }}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="baseCount" label={label('baseCount')} rules={[{ required: true }]} style={{ width: '50%' }}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="pricePaid" label={label('pricePaid')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" addonAfter="元" />
          </Form.Item>
          <Form.Item name="sealNumbers" label={label('sealNumbers')} rules={[{ required: true, type: 'array', min: 1 }]} extra={label('sealHint')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="enterpriseSigner" label={label('enterpriseSigner')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="note" label={label('note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="record-submit">
            {r ? label('saveRecordAgain') : label('submitRecord')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
