import { Alert, Button, DatePicker, Divider, Form, Input, Radio, Result, Select, Space, Switch, Tag, Typography, type RefSelectProps, type SelectProps, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { type Ref, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { currentLanguage } from '../../app/i18n';
import { isAfterToday } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { PublicFrame } from '../../app/layout/PublicFrame';
import { FilePicker, filesOf } from './FilePicker';
import './complaintsPublic.pages.i18n';
import {
  COMPLAINT_KINDS,
  publicComplaintsApi,
  type ComplaintKind,
  type FoundEnterprise,
  type FoundUnit,
  type SubmissionInput,
  type Submitted,
} from './complaintsPublic.api';

/**
 * A Select for a required Form.Item: the item gives its control aria-required, which antd's Select
 * hands to the combobox inside and also to its outer div, where ARIA does not allow it (axe's
 * aria-allowed-attr, critical). The div loses it after each render (React does not set an
 * unchanged attribute again); the combobox keeps it.
 */
function RequiredSelect({ ref, ...props }: SelectProps & { ref?: Ref<RefSelectProps> }) {
  const own = useRef<RefSelectProps>(null);
  // the Form.Item's ref (focus, scroll to the first error) reaches the Select itself
  useImperativeHandle(ref, () => own.current!, []);
  useLayoutEffect(() => own.current?.nativeElement?.removeAttribute('aria-required'));
  return <Select {...props} ref={own} />;
}

/** antd's Radio.Group is a plain div: as a radiogroup it may carry aria-required (antd passes role on, its types do not list it). */
const RADIOGROUP: Record<string, unknown> = { role: 'radiogroup' };

interface Values {
  kind: ComplaintKind;
  topic?: string;
  category?: string;
  subjectName?: string;
  subjectUscc?: string;
  equipmentRegistrationNo?: string;
  product?: string;
  regionCode?: string;
  place?: string;
  occurredOn?: Dayjs;
  description: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

const FIELDS = ['kind', 'topic', 'category', 'subjectName', 'subjectUscc', 'equipmentRegistrationNo', 'product', 'regionCode', 'place', 'occurredOn', 'description', 'name', 'phone', 'idNumber', 'address', 'files'] as const;

/**
 * A random UUID (v4) for the Idempotency-Key. `crypto.randomUUID` exists only on https or
 * localhost; `getRandomValues` everywhere.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const trimmed = (v: string | undefined) => {
  const s = v?.trim();
  return s ? s : undefined;
};

/** The form's values as the API's submission (empty fields left out; no reporter when anonymous). */
function toInput(v: Values): SubmissionInput {
  const anonymous = v.kind !== 'complaint' && v.anonymous;
  return {
    kind: v.kind,
    topic: v.topic,
    category: v.category,
    subjectName: trimmed(v.subjectName),
    subjectUscc: trimmed(v.subjectUscc)?.replace(/\s/g, '').toUpperCase(),
    equipmentRegistrationNo: trimmed(v.equipmentRegistrationNo)?.replace(/\s/g, ''),
    product: trimmed(v.product),
    regionCode: v.regionCode,
    place: trimmed(v.place),
    occurredOn: v.occurredOn?.format('YYYY-MM-DD'),
    description: v.description.trim(),
    reporter: anonymous
      ? undefined
      : { name: v.name!.trim(), phone: v.phone!.replace(/[\s-]/g, ''), idNumber: trimmed(v.idNumber)?.toUpperCase(), address: trimmed(v.address) },
  };
}

/** The field a server error names in `details.field` (reporter fields as `reporter.name` or `name`). */
function fieldOf(err: unknown): (typeof FIELDS)[number] | null {
  if (!(err instanceof ApiError)) return null;
  const named = String((err.details as { field?: unknown } | null | undefined)?.field ?? '').replace(/^reporter\./, '');
  if (err.code === 'REPORTER_REQUIRED') return 'name';
  return FIELDS.find((f) => f === named) ?? null;
}

function SubmittedView({ answer, onAnother }: { answer: Submitted; onAnother: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const copyable = (text: string) => ({ text, tooltips: [t('common.copy'), t('common.copied')] });
  const big = { fontSize: 'clamp(20px, 6vw, 28px)', fontFamily: 'monospace', letterSpacing: 1, margin: 0, wordBreak: 'break-all' as const };
  return (
    <div data-testid="complaint-submitted">
    <Result
      status="success"
      title={t('complaintsPublic.submitted')}
      subTitle={t('complaintsPublic.submittedSub')}
      style={{ padding: '16px 0' }}
      extra={
        <Space direction="vertical" size={16} style={{ width: '100%', textAlign: 'left' }}>
          <div>
            <Typography.Text type="secondary">{t('complaintsPublic.trackingNo')}</Typography.Text>
            <Typography.Paragraph copyable={copyable(answer.trackingNo)} strong style={big} data-testid="tracking-no">
              {answer.trackingNo}
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Text type="secondary">{t('complaintsPublic.accessCode')}</Typography.Text>
            <Typography.Paragraph copyable={copyable(answer.accessCode)} strong style={big} data-testid="access-code">
              {answer.accessCode}
            </Typography.Paragraph>
          </div>
          <Alert type="warning" showIcon message={t('complaintsPublic.keepCode')} />
          <Space wrap style={{ justifyContent: 'center', width: '100%' }}>
            <Button type="primary" size="large" onClick={() => navigate(`/public/complaints/track?no=${encodeURIComponent(answer.trackingNo)}&code=${encodeURIComponent(answer.accessCode)}`)}>
              {t('complaintsPublic.openTrack')}
            </Button>
            <Button size="large" onClick={onAnother}>
              {t('complaintsPublic.another')}
            </Button>
          </Space>
        </Space>
      }
    />
    </div>
  );
}

type Looked<T> = { kind: 'found'; value: T } | { kind: 'notFound' } | { kind: 'error'; error: unknown } | null;

function lookedAlert<T>(looked: Looked<T>, found: (v: T) => React.ReactNode, notFound: string, t: (k: string) => string) {
  if (!looked) return null;
  if (looked.kind === 'found') return <Alert type="success" showIcon message={found(looked.value)} style={{ marginTop: 8 }} />;
  if (looked.kind === 'notFound') return <Alert type="info" showIcon message={notFound} style={{ marginTop: 8 }} />;
  const limited = looked.error instanceof ApiError && looked.error.status === 429;
  return <Alert type="warning" showIcon message={limited ? t('complaintsPublic.rateLimited') : errorText(looked.error, t as never)} style={{ marginTop: 8 }} />;
}

/** 投诉举报: the public submission (no sign-in), phone first. */
export function PublicComplaintPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // one key per form fill, kept across retries: a double click or a retry creates one item
  const [key, setKey] = useState(newKey);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<Submitted | null>(null);
  const [enterprise, setEnterprise] = useState<Looked<FoundEnterprise>>(null);
  const [unit, setUnit] = useState<Looked<FoundUnit>>(null);
  const [looking, setLooking] = useState<'uscc' | 'unit' | null>(null);
  const dictionaries = useAsync(publicComplaintsApi.categories);
  const english = currentLanguage() === 'en-US';
  const nameOf = (x: { name: string; nameEn?: string }) => (english && x.nameEn ? x.nameEn : x.name);

  const kind = Form.useWatch('kind', form);
  const topic = Form.useWatch('topic', form);
  const category = Form.useWatch('category', form);
  const anonymous = Form.useWatch('anonymous', form) && kind !== 'complaint';
  const description = Form.useWatch('description', form) ?? '';

  const topics = useMemo(() => dictionaries.data?.topics ?? [], [dictionaries.data]);
  const categories = topics.find((tp) => tp.key === topic)?.categories ?? [];
  const urgent = categories.find((c) => c.key === category)?.urgent ?? false;
  const anyUrgent = useMemo(() => new Set(topics.filter((tp) => tp.categories.some((c) => c.urgent)).map((tp) => tp.key)), [topics]);
  const regions = useMemo(() => dictionaries.data?.regions ?? [], [dictionaries.data]);

  const required = (field: string) => [{ required: true, whitespace: true, message: t('complaintsPublic.required', { field }) }];

  const lookUpEnterprise = (raw: string) => {
    const uscc = raw.replace(/\s/g, '').toUpperCase();
    if (!uscc) return setEnterprise(null);
    setLooking('uscc');
    publicComplaintsApi
      .enterprise(uscc)
      .then(
        (value) => setEnterprise({ kind: 'found', value }),
        (err: unknown) => setEnterprise(err instanceof ApiError && err.status === 404 ? { kind: 'notFound' } : { kind: 'error', error: err }),
      )
      .finally(() => setLooking(null));
  };
  const lookUpUnit = (raw: string) => {
    const no = raw.replace(/\s/g, '');
    if (!no) return setUnit(null);
    setLooking('unit');
    publicComplaintsApi
      .unit(no)
      .then(
        (value) => setUnit({ kind: 'found', value }),
        (err: unknown) => setUnit(err instanceof ApiError && err.status === 404 ? { kind: 'notFound' } : { kind: 'error', error: err }),
      )
      .finally(() => setLooking(null));
  };

  // a second click before the first answer sends nothing (a retry after it sends the same key)
  const inFlight = useRef(false);
  const send = async (v: Values) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setError(null);
    try {
      setAnswer(await publicComplaintsApi.submit(toInput(v), filesOf(files), key));
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IDEMPOTENCY_MISMATCH') setKey(newKey());
      const field = fieldOf(err);
      if (field && field !== 'files') form.setFields([{ name: field, errors: [(err as ApiError).message] }]);
      setError(err);
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  const another = () => {
    form.resetFields();
    setFiles([]);
    setEnterprise(null);
    setUnit(null);
    setError(null);
    setAnswer(null);
    setKey(newKey());
  };

  const links = (
    <Space wrap split="·" style={{ justifyContent: 'center', width: '100%', marginTop: 16 }}>
      <Link to="/public/complaints/track">{t('complaintsPublic.toTrack')}</Link>
      <Link to="/public/enterprise">{t('complaintsPublic.toLookup')}</Link>
    </Space>
  );

  if (answer)
    return (
      <PublicFrame width={720} title={t('complaintsPublic.newTitle')} testId="public-complaint">
        <SubmittedView answer={answer} onAnother={another} />
      </PublicFrame>
    );

  const limited = error instanceof ApiError && error.status === 429;
  const mismatch = error instanceof ApiError && error.code === 'IDEMPOTENCY_MISMATCH';

  return (
    <PublicFrame width={720} title={t('complaintsPublic.newTitle')} extra={<Link to="/public/complaints/track">{t('complaintsPublic.toTrack')}</Link>} testId="public-complaint">
      <Typography.Paragraph type="secondary">{t('complaintsPublic.newIntro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'complaint', anonymous: false }}
        onFinish={(v) => void send(v)}
        scrollToFirstError
        data-testid="complaint-form"
      >
        <Form.Item name="kind" label={<strong>{t('complaintsPublic.sectionKind')}</strong>} rules={[{ required: true }]}>
          <Radio.Group {...RADIOGROUP} aria-label={t('complaintsPublic.sectionKind')} style={{ width: '100%' }}>
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              {COMPLAINT_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`kind-${k}`} style={{ alignItems: 'flex-start' }}>
                  <Typography.Text strong>{t(`complaintsPublic.kind.${k}`)}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t(`complaintsPublic.kindHint.${k}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>

        <Divider orientation="left" plain>
          {t('complaintsPublic.sectionMatter')}
        </Divider>
        {dictionaries.error !== undefined && <Alert type="warning" showIcon message={errorText(dictionaries.error, t)} style={{ marginBottom: 16 }} />}
        <Form.Item name="topic" label={t('complaintsPublic.topic')} rules={[{ required: true, message: t('complaintsPublic.choose', { field: t('complaintsPublic.topic') }) }]}>
          <RequiredSelect
            placeholder={t('complaintsPublic.topicPlaceholder')}
            loading={dictionaries.loading}
            options={topics.map((tp) => ({ value: tp.key, label: nameOf(tp) }))}
            onChange={() => form.setFieldValue('category', undefined)}
            data-testid="topic"
          />
        </Form.Item>
        {categories.length > 0 && (
          <Form.Item name="category" label={t('complaintsPublic.category')}>
            <Select
              allowClear
              placeholder={t('complaintsPublic.categoryPlaceholder')}
              data-testid="category"
              options={categories.map((c) => ({
                value: c.key,
                label: c.urgent ? (
                  <Space size={4}>
                    {nameOf(c)}
                    <Tag color="red" style={{ marginInlineEnd: 0 }}>
                      {t('complaintsPublic.urgentTag')}
                    </Tag>
                  </Space>
                ) : (
                  nameOf(c)
                ),
              }))}
            />
          </Form.Item>
        )}
        {(urgent || (topic && anyUrgent.has(topic) && !category)) && (
          <Alert type="error" showIcon message={t('complaintsPublic.urgentNote')} style={{ marginBottom: 16 }} data-testid="urgent-note" />
        )}

        <Divider orientation="left" plain>
          {t('complaintsPublic.sectionSubject')}
        </Divider>
        <Form.Item name="subjectName" label={t('complaintsPublic.subjectName')} extra={t('complaintsPublic.subjectNameHint')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('complaintsPublic.subjectUscc')} htmlFor="subjectUscc">
          <Form.Item name="subjectUscc" noStyle>
            <Input.Search
              maxLength={24}
              autoComplete="off"
              style={{ fontFamily: 'monospace' }}
              enterButton={t('complaintsPublic.lookup')}
              loading={looking === 'uscc'}
              onSearch={lookUpEnterprise}
              onChange={() => setEnterprise(null)}
              data-testid="subject-uscc"
            />
          </Form.Item>
          {lookedAlert(
            enterprise,
            (e) => (
              <Space wrap size={4}>
                {t('complaintsPublic.lookupFound', { name: e.name })}
                {form.getFieldValue('subjectName') !== e.name && (
                  <Button size="small" type="link" onClick={() => form.setFieldValue('subjectName', e.name)}>
                    {t('complaintsPublic.useFoundName')}
                  </Button>
                )}
              </Space>
            ),
            t('complaintsPublic.lookupNotFound'),
            t,
          )}
        </Form.Item>
        <Form.Item label={t('complaintsPublic.equipmentNo')} extra={t('complaintsPublic.equipmentNoHint')} htmlFor="equipmentRegistrationNo">
          <Form.Item name="equipmentRegistrationNo" noStyle>
            <Input.Search
              maxLength={64}
              autoComplete="off"
              enterButton={t('complaintsPublic.lookup')}
              loading={looking === 'unit'}
              onSearch={lookUpUnit}
              onChange={() => setUnit(null)}
              data-testid="equipment-no"
            />
          </Form.Item>
          {lookedAlert(
            unit,
            (u) => (
              <Space wrap size={4}>
                {t('complaintsPublic.unitFound', { category: u.categoryName, user: u.userName })}
                <Tag color={u.status === 'in_use' ? 'green' : 'default'}>{t(`complaintsPublic.unitStatus.${u.status}`, { defaultValue: u.status })}</Tag>
                {u.overdue && <Tag color="red">{t('complaintsPublic.unitOverdue')}</Tag>}
              </Space>
            ),
            t('complaintsPublic.unitNotFound'),
            t,
          )}
        </Form.Item>
        <Form.Item name="product" label={t('complaintsPublic.product')} extra={t('complaintsPublic.productHint')}>
          <Input maxLength={200} />
        </Form.Item>

        <Divider orientation="left" plain>
          {t('complaintsPublic.sectionWhere')}
        </Divider>
        <Form.Item name="regionCode" label={t('complaintsPublic.region')}>
          <Select allowClear placeholder={t('complaintsPublic.regionPlaceholder')} options={regions.map((r) => ({ value: r.code, label: r.name }))} data-testid="region" />
        </Form.Item>
        <Form.Item name="place" label={t('complaintsPublic.place')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('complaintsPublic.occurredOn')}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('complaintsPublic.description')}
          rules={required(t('complaintsPublic.description'))}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount={{ formatter: () => `${description.length} / 5000` }} placeholder={t('complaintsPublic.descriptionHint')} data-testid="description" />
        </Form.Item>
        <Form.Item label={t('complaintsPublic.files')} extra={t('complaintsPublic.filesHint')}>
          <FilePicker value={files} onChange={setFiles} testId="complaint-files" />
        </Form.Item>

        <Divider orientation="left" plain>
          {t('complaintsPublic.sectionContact')}
        </Divider>
        <Form.Item
          name="anonymous"
          label={t('complaintsPublic.anonymous')}
          valuePropName="checked"
          extra={kind === 'complaint' ? t('complaintsPublic.anonymousDisabled') : t('complaintsPublic.anonymousHint')}
        >
          <Switch disabled={kind === 'complaint'} data-testid="anonymous" />
        </Form.Item>
        {!anonymous && (
          <>
            <Form.Item name="name" label={t('complaintsPublic.name')} rules={required(t('complaintsPublic.name'))}>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('complaintsPublic.phone')}
              rules={[...required(t('complaintsPublic.phone')), { pattern: /^[\d\s+()-]{7,20}$/, message: t('complaintsPublic.phoneInvalid') }]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('complaintsPublic.idNumber')}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item name="address" label={t('complaintsPublic.address')}>
              <Input maxLength={300} autoComplete="street-address" />
            </Form.Item>
          </>
        )}
        <Alert type="info" showIcon message={t('complaintsPublic.confidential')} style={{ marginBottom: 16 }} />

        {error !== null && (
          <Alert
            type={limited ? 'warning' : 'error'}
            showIcon
            role="alert"
            data-testid="complaint-error"
            style={{ marginBottom: 16 }}
            message={limited ? t('complaintsPublic.rateLimited') : mismatch ? t('complaintsPublic.idempotencyMismatch') : errorText(error, t)}
          />
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={sending} data-testid="complaint-submit">
          {sending ? t('complaintsPublic.submitting') : t('complaintsPublic.submit')}
        </Button>
      </Form>
      {links}
    </PublicFrame>
  );
}
