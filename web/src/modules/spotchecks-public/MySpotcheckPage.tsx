import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, List, Popconfirm, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { errorText } from '../../app/errorText';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { SelfFrame } from '../enterprise-self';
import { ConclusionTag } from './ResultParts';
import { mySpotchecksApi, type MyObjectionInput, type MySpotcheck } from './spotchecksPublic.api';
import './spotchecksPublic.pages.i18n';

type Label = (key: string, o?: Record<string, unknown>) => string;

/** Whether the enterprise may still object: notified, no objection, not final, and the window open (or no receipt yet: filing counts as the receipt). */
export const mayObject = (s: MySpotcheck) => !s.objection && !s.finalConclusion && !!s.conclusion && !!s.notifiedOn && (s.objectionOpen || !s.receivedOn);

function ResultCard({ s, label }: { s: MySpotcheck; label: Label }) {
  const final = s.finalConclusion;
  return (
    <Card size="small" data-testid="my-spotcheck-result">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'sampleNo', label: label('sampleNo'), children: <span style={{ fontFamily: 'monospace' }}>{s.sampleNo}</span> },
          { key: 'product', label: label('product'), children: `${s.productName}（${s.productCode}）` },
          { key: 'inst', label: label('institution'), children: s.institutionName },
          ...(s.reportNo ? [{ key: 'report', label: label('report'), children: label('reportLine', { reportNo: s.reportNo, reportedOn: formatDate(s.reportedOn) }) }] : []),
          { key: 'conclusion', label: label('conclusion'), children: <ConclusionTag value={s.conclusion} /> },
          { key: 'final', label: label('finalConclusion'), children: final ? <ConclusionTag value={final} /> : <Tag>{label('pendingFinal')}</Tag> },
        ]}
      />
    </Card>
  );
}

function ItemsCard({ s, label }: { s: MySpotcheck; label: Label }) {
  const items = s.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title={label('items')} styles={{ body: { paddingBlock: 4 } }}>
      <List
        dataSource={items}
        rowKey={(i) => i.item}
        data-testid="my-spotcheck-items"
        renderItem={(i) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{i.item}</Typography.Text>
                <Tag color={i.pass ? 'green' : 'red'}>{label(i.pass ? 'itemPass' : 'itemFail')}</Tag>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {label('requirement')}：{i.requirement || '—'}
              </Typography.Text>
              <Typography.Text style={{ fontSize: 13 }}>
                {label('measured')}：{i.measured || '—'}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function SamplingCard({ s, label }: { s: MySpotcheck; label: Label }) {
  const r = s.record;
  if (!r) return null;
  return (
    <Card size="small" title={label('sampling')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'on', label: label('sampledOn'), children: formatDate(r.sampledOn) },
          { key: 'place', label: label('place'), children: r.place },
          { key: 'batch', label: label('batchNo'), children: r.batchNo },
          ...(r.productionDate ? [{ key: 'pd', label: label('productionDate'), children: formatDate(r.productionDate) }] : []),
          ...(r.specification ? [{ key: 'spec', label: label('specification'), children: r.specification }] : []),
          { key: 'qty', label: label('quantity'), children: `${r.quantitySampled} / ${r.baseCount}` },
        ]}
      />
    </Card>
  );
}

function NoticeCard({ s, label, canReport, onChanged }: { s: MySpotcheck; label: Label; canReport: boolean; onChanged: (s: MySpotcheck | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const receive = async () => {
    setBusy(true);
    try {
      onChanged(await mySpotchecksApi.receipt(s));
      void message.success(label('receiptDone'));
    } catch (err) {
      if (isStale(err)) {
        void message.warning(label('stale'));
        onChanged(null);
      } else void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={label('notice')} data-testid="my-spotcheck-notice">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'no', label: label('noticeNo'), children: s.noticeNo ?? '—' },
          { key: 'on', label: label('notifiedOn'), children: formatDate(s.notifiedOn) },
          { key: 'received', label: label('receivedOn'), children: s.receivedOn ? formatDate(s.receivedOn) : <Tag color="orange">{label('awaitingReceipt')}</Tag> },
        ]}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<DownloadOutlined />} href={mySpotchecksApi.noticeUrl(s.id)} download data-testid="my-spotcheck-notice-download">
          {label('downloadNotice')}
        </Button>
        {!s.receivedOn && canReport && (
          <Popconfirm title={label('receiptConfirm')} onConfirm={() => void receive()} okText={label('receipt')} cancelText={label('cancel')}>
            <Button type="primary" icon={<CheckOutlined />} loading={busy} data-testid="my-spotcheck-receipt">
              {label('receipt')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}

function ObjectionForm({ s, label, onFiled, onCancel }: { s: MySpotcheck; label: Label; onFiled: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; items?: string[] }>();
  const [busy, setBusy] = useState(false);
  const names = s.testItems.length ? s.testItems.map((i) => i.name) : (s.items ?? []).map((i) => i.item);
  const failed = new Set((s.items ?? []).filter((i) => !i.pass).map((i) => i.item));
  const submit = async (v: { reason: string; items?: string[] }) => {
    setBusy(true);
    try {
      const body: MyObjectionInput = { reason: v.reason.trim(), items: v.items ?? [] };
      await mySpotchecksApi.objection(s, body);
      void message.success(label('filed'));
      onFiled();
    } catch (err) {
      void message.error(errorText(err, t));
      if (isStale(err)) onFiled();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="my-objection-form" name="objection">
      <Form.Item name="reason" label={label('reason')} rules={[{ required: true, whitespace: true, message: label('reasonRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount placeholder={label('reasonPlaceholder')} />
      </Form.Item>
      {names.length > 0 && (
        <Form.Item name="items" label={label('objectionItems')} extra={label('objectionItemsHint')}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {names.map((n) => (
              <Checkbox key={n} value={n}>
                {n}
                {failed.has(n) && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {label('itemFail')}
                  </Tag>
                )}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="my-objection-submit">
          {label('submit')}
        </Button>
        <Button onClick={onCancel} size="large">
          {label('cancel')}
        </Button>
      </Space>
    </Form>
  );
}

/** The objection's progress: filed, reviewed (refused or a retest arranged), retested, final. */
function ObjectionProgress({ s, label }: { s: MySpotcheck; label: Label }) {
  const o = s.objection;
  if (!o) return null;
  const decided = o.status !== 'filed';
  const retestStep = o.status === 'accepted' || o.status === 'retested';
  // the step in progress: every step done once final; the retest while one is arranged; the review while filed
  const steps = retestStep ? 4 : 3;
  const current = s.finalConclusion ? steps : o.status === 'accepted' ? 2 : decided ? steps - 1 : 1;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="my-objection">
      <Steps
        direction="vertical"
        size="small"
        current={current}
        items={[
          { title: label('steps.filed'), description: `${formatDate(o.filedOn)} · ${o.reason}${o.items.length ? `（${o.items.join('、')}）` : ''}` },
          {
            title: label('steps.decided'),
            description: decided ? (
              <Space direction="vertical" size={0}>
                <span>
                  <Tag color={o.status === 'refused' ? 'default' : 'gold'}>{label(`objectionStatus.${o.status === 'retested' ? 'accepted' : o.status}`)}</Tag>
                  {formatDate(o.decidedOn)}
                </span>
                {o.decisionReason && <span style={{ whiteSpace: 'pre-wrap' }}>{o.decisionReason}</span>}
              </Space>
            ) : (
              <Tag color="processing">{label('objectionStatus.filed')}</Tag>
            ),
          },
          ...(retestStep ? [{ title: label('steps.retested'), description: o.retestConclusion ? <ConclusionTag value={o.retestConclusion} /> : label('objectionStatus.accepted') }] : []),
          { title: label('steps.final'), description: s.finalConclusion ? <ConclusionTag value={s.finalConclusion} /> : label('pendingFinal') },
        ]}
      />
    </Space>
  );
}

function ObjectionCard({ s, label, canReport, reload }: { s: MySpotcheck; label: Label; canReport: boolean; reload: () => void }) {
  const [filing, setFiling] = useState(false);
  const can = mayObject(s);
  const due = s.objectionDueOn ? (
    <WorkingDayDate certain={s.objectionDueCertain}>
      <Typography.Text strong>{formatDate(s.objectionDueOn)}</Typography.Text>
    </WorkingDayDate>
  ) : null;
  let window;
  if (s.objection) window = null;
  else if (can && s.receivedOn)
    window = (
      <Alert type="info" showIcon data-testid="my-objection-window" message={<Space size={4} wrap>{label('windowOpen', { dueOn: formatDate(s.objectionDueOn) })}{due && s.objectionDueCertain === false ? due : null}</Space>} />
    );
  else if (can) window = <Alert type="info" showIcon data-testid="my-objection-window" message={label('windowBeforeReceipt')} />;
  else if (s.objectionDueOn) window = <Alert type="success" showIcon data-testid="my-objection-window" message={label('windowClosed', { dueOn: formatDate(s.objectionDueOn) })} />;
  return (
    <Card size="small" title={s.objection ? label('objection') : label('windowTitle')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {window}
        <ObjectionProgress s={s} label={label} />
        {can && canReport && !filing && (
          <Button type="primary" block size="large" onClick={() => setFiling(true)} data-testid="my-objection-open">
            {label('fileObjection')}
          </Button>
        )}
        {can && canReport && filing && (
          <ObjectionForm
            s={s}
            label={label}
            onCancel={() => setFiling(false)}
            onFiled={() => {
              setFiling(false);
              reload();
            }}
          />
        )}
      </Space>
    </Card>
  );
}

/** One sample of the enterprise: the result and its items, the notice (download, 确认收到), the objection window, filing and progress. */
export function MySpotcheckPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const { data, loading, error, reload } = useAsync(() => mySpotchecksApi.get(id), id);
  const [fresh, setFresh] = useState<MySpotcheck | null>(null);
  const s = fresh && fresh.id === id && data && fresh.version >= data.version ? fresh : data;
  const label: Label = (key, o) => t(`scPublic.my.${key}`, o);
  const canReport = can('enterprise_self.report');
  const refresh = () => {
    setFresh(null);
    reload();
  };

  return (
    <SelfFrame title={s?.productName ?? t('scPublic.menuMy')} back="/my/spotchecks" backLabel={label('back')} error={error} testId="my-spotcheck">
      {loading && !s ? (
        <Card>
          <Skeleton />
        </Card>
      ) : (
        s && (
          <>
            <ResultCard s={s} label={label} />
            <NoticeCard s={s} label={label} canReport={canReport} onChanged={(next) => (next ? setFresh(next) : refresh())} />
            <ObjectionCard key={s.version} s={s} label={label} canReport={canReport} reload={refresh} />
            {s.finalConclusion === 'fail' && (
              <Card size="small" title={label('followup')} data-testid="my-spotcheck-followup">
                {s.followup?.orderNo ? (
                  <Space direction="vertical">
                    <Typography.Text>{label('followupOrdered', { orderNo: s.followup.orderNo, dueOn: s.followup.dueOn ?? '—' })}</Typography.Text>
                    <Typography.Text type="secondary">{label('followupStage', { stage: label(`stages.${s.followup.stage}`) })}</Typography.Text>
                    <Button icon={<DownloadOutlined />} href={mySpotchecksApi.orderUrl(s.id)} download>
                      {label('downloadOrder')}
                    </Button>
                  </Space>
                ) : (
                  <Typography.Text>{label('followupFail')}</Typography.Text>
                )}
              </Card>
            )}
            <ItemsCard s={s} label={label} />
            <SamplingCard s={s} label={label} />
          </>
        )
      )}
    </SelfFrame>
  );
}
