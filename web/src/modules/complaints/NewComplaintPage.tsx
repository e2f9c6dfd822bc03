import { App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Result, Row, Select, Space, Switch, Typography, Upload, type UploadFile } from 'antd';
import { CopyOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { ServerFieldError } from '../../app/components/ServerFieldError';
import { useNotifyError } from '../../app/errors';
import { isAfterToday, todayInChina } from '../../app/format';
import { useServerFieldError } from '../../app/hooks/useServerFieldError';
import { useRegions } from '../regions';
import './complaints.pages.i18n';
import { complaintsApi, STAFF_CHANNELS, type ComplaintKind, type EnterpriseHit, type Entered, type EntryInput } from './complaints.api';
import { complaintPath, useKindOptions, useTopics } from './labels';

interface Values {
  channel: EntryInput['channel'];
  channelRef?: string;
  receivedOn?: Dayjs;
  kind: ComplaintKind;
  subjectName?: string;
  subjectUscc?: string;
  equipmentRegistrationNo?: string;
  product?: string;
  topic?: string;
  category?: string;
  regionCode?: string;
  place?: string;
  occurredOn?: Dayjs;
  description: string;
  anonymous: boolean;
  reporterName?: string;
  reporterPhone?: string;
  reporterIdNumber?: string;
  reporterAddress?: string;
}

const MAX_FILES = 5;
const MAX_FILE_MB = 20;
const text = (v: string | undefined) => v?.trim() || undefined;

/** The server's field error (400 with `details.field`) under that field. */
const fieldErrorOf = (err: unknown) => {
  const d = (err as { details?: { field?: unknown } } | null)?.details;
  const message = (err as { message?: string } | null)?.message ?? '';
  return d && typeof d.field === 'string' ? { field: d.field.replace(/^reporter\.(\w)/, (_, x: string) => `reporter${x.toUpperCase()}`), message } : null;
};

/** Enterprise look-up by name or USCC (GET /api/enterprises?q=, for those who may read the register). */
function SubjectPicker({ onPick }: { onPick: (e: EnterpriseHit) => void }) {
  const { t } = useTranslation();
  const [hits, setHits] = useState<EnterpriseHit[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (q.trim().length < 2) return setHits([]);
    timer.current = window.setTimeout(() => {
      complaintsApi.enterprises(q.trim()).then((r) => setHits(r.items), () => setHits([]));
    }, 250);
  };
  return (
    <AutoComplete
      options={hits.map((e) => ({ value: e.uscc, label: `${e.name}（${e.uscc}）` }))}
      onSearch={search}
      onSelect={(uscc: string) => {
        const e = hits.find((h) => h.uscc === uscc);
        if (e) onPick(e);
      }}
      placeholder={t('complaints.subjectSearch')}
      data-testid="subject-search"
    >
      <Input.Search allowClear />
    </AutoComplete>
  );
}

/** 热线登记: a call, letter, visit or transfer entered by an operator; the tracking number and access code are shown once. */
export function NewComplaintPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const regions = useRegions();
  const topics = useTopics();
  const kindOptions = useKindOptions();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [entered, setEntered] = useState<Entered | null>(null);
  const fieldError = useServerFieldError(fieldErrorOf);
  const topic = Form.useWatch('topic', form);
  const kind = Form.useWatch('kind', form);
  const anonymous = Form.useWatch('anonymous', form);
  const namedRequired = kind === 'complaint' || !anonymous;

  const submit = async (v: Values) => {
    const input: EntryInput = {
      channel: v.channel,
      channelRef: text(v.channelRef),
      receivedOn: v.receivedOn?.format('YYYY-MM-DD'),
      kind: v.kind,
      subjectName: text(v.subjectName),
      subjectUscc: text(v.subjectUscc)?.toUpperCase(),
      equipmentRegistrationNo: text(v.equipmentRegistrationNo),
      product: text(v.product),
      topic: v.topic,
      category: v.category,
      regionCode: v.regionCode,
      place: text(v.place),
      occurredOn: v.occurredOn?.format('YYYY-MM-DD'),
      description: v.description.trim(),
      ...(v.anonymous && v.kind !== 'complaint'
        ? {}
        : { reporter: { name: v.reporterName!.trim(), phone: v.reporterPhone!.trim(), idNumber: text(v.reporterIdNumber), address: text(v.reporterAddress) } }),
    };
    setSaving(true);
    try {
      const raw = files.flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));
      setEntered(await fieldError.guard(() => complaintsApi.enter(input, raw)));
      form.resetFields();
      setFiles([]);
      // the result is at the top of a long form
      window.scrollTo({ top: 0 });
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  if (entered)
    return (
      <Card data-testid="entered">
        <Result
          status="success"
          title={t('complaints.entered')}
          subTitle={t('complaints.enteredHint')}
          extra={[
            <Button key="open" type="primary" onClick={() => navigate(complaintPath(entered.id))}>
              {t('complaints.openEntered')}
            </Button>,
            <Button key="more" onClick={() => setEntered(null)}>
              {t('complaints.enterAnother')}
            </Button>,
          ]}
        >
          <Space direction="vertical" size={8} style={{ width: '100%', alignItems: 'center' }}>
            {(
              [
                ['trackingNo', entered.trackingNo],
                ['accessCode', entered.accessCode],
              ] as const
            ).map(([k, v]) => (
              <Space key={k} wrap>
                <Typography.Text type="secondary">{t(`complaints.${k}`)}</Typography.Text>
                <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 20 }} data-testid={`entered-${k}`}>
                  {v}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<CopyOutlined />}
                  onClick={() => void navigator.clipboard?.writeText(v).then(() => message.success(t('common.copied')), () => undefined)}
                >
                  {t('common.copy')}
                </Button>
              </Space>
            ))}
            <Typography.Text type="warning">{t('complaints.codeOnce')}</Typography.Text>
          </Space>
        </Result>
      </Card>
    );

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];
  const half = { xs: 24, md: 12 };

  return (
    <Card title={t('complaints.newTitle')}>
      <Form<Values>
        form={form}
        layout="vertical"
        name="complaint-entry"
        initialValues={{ channel: 'phone', kind: 'complaint', receivedOn: todayInChina(), anonymous: false }}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 960 }}
      >
        <ServerFieldError error={fieldError.error} />
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="channel" label={t('complaints.channel')} rules={chosen(t('complaints.channel'))}>
              <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`complaints.channels.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="channelRef" label={t('complaints.channelRef')} extra={t('complaints.channelRefHint')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="receivedOn" label={t('complaints.receivedOn')} rules={chosen(t('complaints.receivedOn'))}>
              <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('complaints.kind')} rules={chosen(t('complaints.kind'))}>
              <Select options={kindOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('complaints.subjectSection')}</Typography.Title>
        {can('enterprise.read') && (
          <Form.Item label={t('complaints.subjectSearchLabel')}>
            <SubjectPicker onPick={(e) => form.setFieldsValue({ subjectName: e.name, subjectUscc: e.uscc, ...(e.regionCode ? { regionCode: e.regionCode } : {}) })} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="subjectName" label={t('complaints.subject')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="subjectUscc" label={t('complaints.subjectUscc')} rules={[{ pattern: /^\s*[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}\s*$/, message: t('complaints.usccFormat') }]}>
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="equipmentRegistrationNo" label={t('complaints.equipmentRegistrationNo')} extra={t('complaints.equipmentHint')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="product" label={t('complaints.product')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="topic" label={t('complaints.topic')} extra={t('complaints.topicHint')}>
              <Select allowClear options={topics.topicOptions} loading={topics.loading} onChange={() => form.setFieldValue('category', undefined)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category" label={t('complaints.category')} extra={t('complaints.categoryHint')}>
              <Select allowClear options={topics.categoryOptions(topic)} loading={topics.loading} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="regionCode" label={t('complaints.region')} extra={t('complaints.regionHint')}>
              <Select allowClear showSearch optionFilterProp="label" options={regions.options} loading={regions.loading} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="place" label={t('complaints.place')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="occurredOn" label={t('complaints.occurredOn')}>
              <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('complaints.description')} rules={[...required(t('complaints.description')), { max: 5000, message: t('complaints.descriptionMax') }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Typography.Title level={5}>{t('complaints.reporterSection')}</Typography.Title>
        <Form.Item name="anonymous" label={t('complaints.anonymousSwitch')} valuePropName="checked" extra={kind === 'complaint' ? t('complaints.complaintNeedsReporter') : undefined}>
          <Switch disabled={kind === 'complaint'} />
        </Form.Item>
        {namedRequired && (
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="reporterName" label={t('complaints.reporterName')} rules={required(t('complaints.reporterName'))}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="reporterPhone" label={t('complaints.reporterPhone')} rules={[...required(t('complaints.reporterPhone')), { pattern: /^[0-9+\-\s]{5,20}$/, message: t('complaints.phoneFormat') }]}>
                <Input maxLength={20} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="reporterIdNumber" label={t('complaints.idNumber')}>
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="reporterAddress" label={t('complaints.address')}>
                <Input maxLength={300} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Typography.Paragraph type="secondary">{t('complaints.reporterSealed')}</Typography.Paragraph>
        <Form.Item label={t('complaints.files')} extra={t('complaints.filesHint', { n: MAX_FILES, mb: MAX_FILE_MB })}>
          <Upload
            accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
            multiple
            maxCount={MAX_FILES}
            fileList={files}
            beforeUpload={(f) => {
              if (f.size > MAX_FILE_MB * 1024 * 1024) {
                void message.error(t('complaints.fileTooLarge', { name: f.name, mb: MAX_FILE_MB }));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))}
          >
            <Button icon={<UploadOutlined />}>{t('complaints.addFiles')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="entry-submit">
              {t('complaints.submitEntry')}
            </Button>
            <Button onClick={() => navigate('/complaints')}>{t('common.cancel')}</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
