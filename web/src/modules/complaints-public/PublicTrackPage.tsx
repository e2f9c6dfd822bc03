import { Alert, Button, Card, Descriptions, Empty, Form, Input, List, Radio, Space, Spin, Tag, Timeline, Typography, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { UncertainMark } from '../../app/components/UncertainMark';
import { errorText } from '../../app/errorText';
import { formatDate, formatDateTime } from '../../app/format';
import { PublicFrame } from '../../app/layout/PublicFrame';
import { FilePicker, filesOf } from './FilePicker';
import './complaintsPublic.pages.i18n';
import { publicComplaintsApi, STATUS_COLORS, type PublicComplaint, type PublicDeadline } from './complaintsPublic.api';

const STATE_COLORS: Record<PublicDeadline['state'], string> = { open: 'processing', met: 'green', missed: 'red', cancelled: 'default' };

interface Query {
  no: string;
  code: string;
}

function AddInformation({ query, onAdded }: { query: Query; onAdded: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  const send = async ({ text }: { text?: string }) => {
    setSending(true);
    setError(null);
    setSent(false);
    try {
      await publicComplaintsApi.addInformation(query.no, query.code, (text ?? '').trim(), filesOf(files));
      form.resetFields();
      setFiles([]);
      setSent(true);
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t('complaintsPublic.addTitle')} data-testid="track-add">
      <Typography.Paragraph type="secondary">{t('complaintsPublic.addHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
        <Form.Item name="text" label={t('complaintsPublic.addText')} rules={[{ required: files.length === 0, whitespace: true, message: t('complaintsPublic.required', { field: t('complaintsPublic.addText') }) }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('complaintsPublic.files')} extra={t('complaintsPublic.filesHint')}>
          <FilePicker value={files} onChange={setFiles} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" message={errorText(error, t)} style={{ marginBottom: 12 }} />}
        {sent && <Alert type="success" showIcon message={t('complaintsPublic.addSent')} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={sending}>
          {t('complaintsPublic.addSend')}
        </Button>
      </Form>
    </Card>
  );
}

function Rate({ query, item, onRated }: { query: Query; item: PublicComplaint; onRated: () => void }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const done = item.satisfaction;
  const canRate = item.canRate ?? (item.status === 'closed' && !done);

  const send = async (v: { satisfied: boolean; comment?: string }) => {
    setSending(true);
    setError(null);
    try {
      await publicComplaintsApi.rate(query.no, query.code, v.satisfied, v.comment?.trim() || undefined);
      onRated();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  if (done)
    return (
      <Card size="small" title={t('complaintsPublic.rateTitle')} data-testid="track-rated">
        <Space direction="vertical" size={4}>
          <span>
            {t('complaintsPublic.rated', { answer: t(done.satisfied ? 'complaintsPublic.satisfied' : 'complaintsPublic.dissatisfied') })}
            <Typography.Text type="secondary"> · {formatDate(done.at)}</Typography.Text>
          </span>
          {done.comment && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{done.comment}</Typography.Text>}
        </Space>
      </Card>
    );
  if (!canRate) return null;
  return (
    <Card size="small" title={t('complaintsPublic.rateTitle')} data-testid="track-rate">
      <Typography.Paragraph type="secondary">{t('complaintsPublic.rateHint')}</Typography.Paragraph>
      <Form<{ satisfied: boolean; comment?: string }> layout="vertical" onFinish={(v) => void send(v)}>
        <Form.Item name="satisfied" rules={[{ required: true, message: t('complaintsPublic.rateRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large">
            <Radio.Button value={true}>{t('complaintsPublic.satisfied')}</Radio.Button>
            <Radio.Button value={false}>{t('complaintsPublic.dissatisfied')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('complaintsPublic.rateComment')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" message={errorText(error, t)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={sending}>
          {t('complaintsPublic.rateSend')}
        </Button>
      </Form>
    </Card>
  );
}

function ItemView({ item, query, reload }: { item: PublicComplaint; query: Query; reload: () => void }) {
  const { t } = useTranslation();
  const closed = item.status === 'closed';
  const canAdd = item.canAddInformation ?? !closed;
  const timeline = [...(item.timeline ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="track-item">
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }}
        items={[
          { key: 'no', label: t('complaintsPublic.trackingNo'), children: <Typography.Text strong style={{ fontFamily: 'monospace' }}>{item.trackingNo}</Typography.Text> },
          { key: 'kind', label: t('complaintsPublic.kindLabel'), children: t(`complaintsPublic.kind.${item.kind}`) },
          {
            key: 'status',
            label: t('common.status'),
            children: (
              <Tag color={STATUS_COLORS[item.status]} data-testid="track-status">
                {t(`complaintsPublic.status.${item.status}`, { defaultValue: item.status })}
              </Tag>
            ),
          },
          { key: 'received', label: t('complaintsPublic.receivedAt'), children: formatDateTime(item.receivedAt) },
        ]}
      />

      <Card size="small" title={t('complaintsPublic.result')} data-testid="track-result">
        {item.publicResult ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.publicResult}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('complaintsPublic.resultPending')}</Typography.Text>
        )}
      </Card>

      {item.reward && (
        <Card size="small" title={t('complaintsPublic.reward')} data-testid="track-reward">
          <Space wrap>
            <Tag color={item.reward.status === 'paid' ? 'green' : item.reward.status === 'rejected' ? 'default' : 'blue'}>
              {t(`complaintsPublic.rewardStatus.${item.reward.status}`, { defaultValue: item.reward.status })}
            </Tag>
            {item.reward.amount !== null && <Typography.Text strong>{t('complaintsPublic.rewardAmount', { amount: item.reward.amount })}</Typography.Text>}
            {item.reward.paidOn && <Typography.Text type="secondary">{t('complaintsPublic.paidOn', { date: formatDate(item.reward.paidOn) })}</Typography.Text>}
          </Space>
        </Card>
      )}

      <Card size="small" title={t('complaintsPublic.deadlines')} data-testid="track-deadlines">
        {item.deadlines.length ? (
          <List
            size="small"
            dataSource={item.deadlines}
            renderItem={(d) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap size={6}>
                    <Typography.Text strong>{t(`complaintsPublic.deadlineKind.${d.kind}`, { defaultValue: d.kind })}</Typography.Text>
                    <Tag color={STATE_COLORS[d.state]}>{t(`complaintsPublic.deadlineState.${d.state}`)}</Tag>
                  </Space>
                  <Space wrap size={6}>
                    <Typography.Text type={d.state === 'missed' ? 'danger' : 'secondary'}>{t('complaintsPublic.dueOn', { date: formatDate(d.dueOn) })}</Typography.Text>
                    <UncertainMark certain={d.certain} />
                    {d.metOn && <Typography.Text type="secondary">· {t('complaintsPublic.metOn', { date: formatDate(d.metOn) })}</Typography.Text>}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t('complaintsPublic.noDeadlines')}</Typography.Text>
        )}
      </Card>

      {timeline.length > 0 && (
        <Card size="small" title={t('complaintsPublic.timeline')} data-testid="track-timeline">
          <Timeline
            style={{ marginTop: 8, marginBottom: -32 }}
            items={timeline.map((e, i) => ({
              key: `${e.at}-${i}`,
              color: e.kind === 'closed' ? 'green' : e.kind === 'refused' ? 'gray' : 'blue',
              children: (
                <Space wrap size={8}>
                  <span>{t(`complaintsPublic.event.${e.kind}`, { defaultValue: e.kind })}</span>
                  <Typography.Text type="secondary">{formatDate(e.at)}</Typography.Text>
                </Space>
              ),
            }))}
          />
        </Card>
      )}

      {canAdd && <AddInformation query={query} onAdded={reload} />}
      <Rate query={query} item={item} onRated={reload} />
    </Space>
  );
}

/** 投诉举报查询: status, deadlines, progress and result by tracking number and access code (no sign-in). */
export function PublicTrackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Query>();
  const [query, setQuery] = useState<Query | null>(() => {
    const no = params.get('no')?.trim();
    const code = params.get('code')?.trim();
    return no && code ? { no, code } : null;
  });
  const [tick, setTick] = useState(0);
  const [item, setItem] = useState<PublicComplaint | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  // a code that came in the address (the link after submitting) leaves the address bar and the history
  useEffect(() => {
    if (params.has('code')) setParams(new URLSearchParams(query ? { no: query.no } : {}), { replace: true });
    // once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!query) return;
    let live = true;
    setLoading(true);
    publicComplaintsApi.track(query.no, query.code).then(
      (answer) => {
        if (!live) return;
        setItem(answer);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setItem(null);
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [query, tick]);

  const search = (v: Query) => {
    const next = { no: v.no.replace(/\s/g, '').toUpperCase(), code: v.code.replace(/\s/g, '').toUpperCase() };
    // the code stays out of the address bar (and the browser's history) once typed here
    setParams(new URLSearchParams({ no: next.no }), { replace: true });
    setQuery(next);
    setTick((n) => n + 1);
  };

  const notFound = error instanceof ApiError && error.status === 404;
  const limited = error instanceof ApiError && error.status === 429;

  return (
    <PublicFrame width={720} title={t('complaintsPublic.trackTitle')} extra={<Link to="/public/complaints/new">{t('complaintsPublic.toNew')}</Link>} testId="public-track">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('complaintsPublic.trackIntro')}</Typography.Text>
        <Form<Query> form={form} layout="vertical" initialValues={{ no: params.get('no') ?? '', code: params.get('code') ?? '' }} onFinish={search} requiredMark={false} data-testid="track-form">
          <Form.Item name="no" label={t('complaintsPublic.trackingNo')} rules={[{ required: true, whitespace: true, message: t('complaintsPublic.required', { field: t('complaintsPublic.trackingNo') }) }]} style={{ marginBottom: 12 }}>
            <Input maxLength={32} autoComplete="off" placeholder={t('complaintsPublic.trackNoPlaceholder')} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item name="code" label={t('complaintsPublic.accessCode')} rules={[{ required: true, whitespace: true, message: t('complaintsPublic.required', { field: t('complaintsPublic.accessCode') }) }]} style={{ marginBottom: 12 }}>
            <Input.Password maxLength={32} autoComplete="off" placeholder={t('complaintsPublic.codePlaceholder')} style={{ fontFamily: 'monospace' }} visibilityToggle />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={loading}>
            {t('complaintsPublic.query')}
          </Button>
        </Form>
        {error !== null &&
          (notFound ? (
            <Empty data-testid="track-not-found" description={t('complaintsPublic.notFound')} />
          ) : (
            <Alert type={limited ? 'warning' : 'error'} showIcon role="alert" data-testid="track-error" message={limited ? t('complaintsPublic.rateLimited') : errorText(error, t)} />
          ))}
        {loading && !item && <Spin />}
        {item && query && <ItemView item={item} query={query} reload={() => setTick((n) => n + 1)} />}
      </Space>
    </PublicFrame>
  );
}
