import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Grid, Select, Space, Steps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ForbiddenPage } from '../../app/pages/ErrorPages';
import { useActiveUserOptions } from '../users';
import { FollowupPanel } from './FollowupPanel';
import { ConclusionTag, ObjectionStatusTag, SampleStatusTag, StageTag } from './labels';
import { ObjectionPanel } from './ObjectionPanel';
import { RecordCard, RecordView, Thumbs } from './RecordCard';
import { ResultForm, ResultView } from './ResultCard';
import { lotPath, productPath, SAMPLE_STATUSES, samplesApi, samplesPath, tasksPath, type Sample } from './spotcheckSamples.api';
import { useWrite } from './useWrite';
import './spotcheckSamples.pages.i18n';

const ISO = 'YYYY-MM-DD';

/** 抽样数量: the implementing rule's size, or the GB/T 2828.1 plan (code letter, Ac/Re). */
function SampleSize({ sample }: { sample: Sample }) {
  const { t } = useTranslation();
  const p = sample.samplingPlan;
  if (!p) return <>{t('spotcheckSamples.sizeLater')}</>;
  const size = `${p.sampleSize} ${p.unit ?? ''}`.trim();
  if (p.source === 'rule') return <>{t('spotcheckSamples.sizeRule', { size })}</>;
  return <>{t('spotcheckSamples.sizeGbt', { size, letter: p.codeLetter ?? '—', ac: p.ac ?? '—', re: p.re ?? '—' })}</>;
}

/** 指派抽样人员 (≥ 2 staff holding spotcheck.sample in the enterprise's region; the server checks). */
function AssignCard({ sample, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { t } = useTranslation();
  const users = useActiveUserOptions();
  const { run, busy } = useWrite(onChanged);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return (
    <Card title={label('assignTitle')} data-testid="assign-card">
      <Form<{ samplerIds: string[]; dueOn?: Dayjs }>
        layout="vertical"
        initialValues={{ samplerIds: sample.samplerIds, dueOn: sample.dueOn ? dayjs(sample.dueOn) : undefined }}
        onFinish={(v) => void run(() => samplesApi.assign(sample, v.samplerIds, v.dueOn?.format(ISO)))}
      >
        <Form.Item
          name="samplerIds"
          label={label('samplers')}
          extra={label('samplersHint')}
          rules={[{ required: true, type: 'array', min: 2, message: label('samplersMin') }]}
        >
          <Select mode="multiple" showSearch optionFilterProp="label" loading={users.loading} options={users.options} data-testid="sampler-picker" />
        </Form.Item>
        <Form.Item name="dueOn" label={label('samplingDue')}>
          <DatePicker disabledDate={(d) => d.isBefore(todayInChina(), 'day')} inputReadOnly />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="assign-submit">
          {sample.status === 'assigned' ? label('reassign') : label('assign')}
        </Button>
      </Form>
    </Card>
  );
}

/** 检验结果通知书, its receipt and the objection window. */
function NoticeCard({ sample, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { run, busy } = useWrite(onChanged);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const writer = can('spotcheck.sample');
  return (
    <Card title={label('noticeTitle')} data-testid="notice-card">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {!sample.notifiedOn ? (
          writer && (
            <Button type="primary" loading={busy} onClick={() => void run(() => samplesApi.notify(sample))} data-testid="notify">
              {label('notify')}
            </Button>
          )
        ) : (
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={label('noticeNo')}>
              <Space wrap>
                {sample.noticeNo}
                <Button size="small" icon={<DownloadOutlined />} href={samplesApi.noticeUrl(sample.id)} data-testid="download-notice">
                  {label('downloadNotice')}
                </Button>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={label('notifiedOn')}>{formatDate(sample.notifiedOn)}</Descriptions.Item>
            <Descriptions.Item label={label('receivedOn')}>{formatDate(sample.receivedOn)}</Descriptions.Item>
            <Descriptions.Item label={label('objectionDueOn')}>
              <span data-testid="objection-due">
                <WorkingDayDate certain={sample.objectionDueCertain}>{formatDate(sample.objectionDueOn)}</WorkingDayDate>
              </span>
            </Descriptions.Item>
          </Descriptions>
        )}
        {sample.notifiedOn && !sample.receivedOn && writer && (
          <Form<{ receivedOn: Dayjs }>
            layout="inline"
            initialValues={{ receivedOn: todayInChina() }}
            onFinish={(v) => void run(() => samplesApi.receipt(sample, v.receivedOn.format(ISO)))}
            data-testid="receipt-form"
          >
            <Form.Item name="receivedOn" label={label('receivedOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => isAfterToday(d) || (!!sample.notifiedOn && d.isBefore(dayjs(sample.notifiedOn), 'day'))} inputReadOnly />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {label('recordReceipt')}
            </Button>
          </Form>
        )}
        {sample.receivedOn && !sample.finalConclusion && !sample.objection && <Alert type="info" showIcon message={label('windowHint')} />}
      </Space>
    </Card>
  );
}

/**
 * A sample: enterprise, product, institution, samplers, deadline and sample size; the steps
 * (drawn → assigned → sampled → reported → closed); assigning the samplers, the 抽样单 (a sampler,
 * on a phone), the results (the institution's account), notice and receipt with the objection
 * window, the objection and its retest, and the follow-up of a failure.
 */
export function SampleDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can, user } = useAuth();
  const screens = Grid.useBreakpoint();
  const sample = useAsync(() => samplesApi.sample(id), id);
  const { run } = useWrite(sample.reload);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const staff = can('spotcheck.read');
  const institution = can('spotcheck.result');
  if (!staff && !institution) return <ForbiddenPage />;
  if (!sample.data) return <DetailPending error={sample.error} loading={sample.loading} />;
  const s = sample.data;
  const sampler = !!user && s.samplerIds.includes(user.id);
  const current = SAMPLE_STATUSES.indexOf(s.status);
  // institution accounts (no spotcheck.read) go back to the lot, which they may open
  const back = sampler
    ? { path: tasksPath, label: label('tasksTitle') }
    : staff
      ? { path: samplesPath, label: label('samplesTitle') }
      : { path: lotPath(s.lotId), label: `${label('lotNo')} ${s.lotNo}` };
  const recording = sampler && (s.status === 'assigned' || s.status === 'sampled');
  const finalFail = s.finalConclusion === 'fail';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="sample-header"
        back={back}
        title={<span style={{ fontFamily: 'monospace' }}>{s.sampleNo}</span>}
        tags={
          <Space size={2} wrap>
            <SampleStatusTag status={s.status} />
            <ConclusionTag value={s.finalConclusion ?? s.conclusion} final={!!s.finalConclusion} />
            <ObjectionStatusTag status={s.objection?.status} />
            <StageTag stage={s.followup?.stage} />
          </Space>
        }
        subtitle={`${s.enterpriseName} · ${s.productName}`}
      >
        <Steps
          size="small"
          current={current}
          status={s.status === 'closed' ? 'finish' : 'process'}
          direction={screens.md ? 'horizontal' : 'vertical'}
          items={SAMPLE_STATUSES.map((x) => ({ title: t(`spotcheckSamples.statuses.${x}`) }))}
          data-testid="sample-steps"
        />
      </DetailHeader>
      <Card title={label('sampleInfo')} data-testid="sample-info">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={label('enterprise')}>{`${s.enterpriseName}（${s.uscc}）`}</Descriptions.Item>
          <Descriptions.Item label={label('product')}>{staff ? <Link to={productPath(s.productId)}>{`${s.productCode} ${s.productName}`}</Link> : `${s.productCode} ${s.productName}`}</Descriptions.Item>
          <Descriptions.Item label={label('lotNo')}>{<Link to={lotPath(s.lotId)}>{s.lotNo}</Link>}</Descriptions.Item>
          <Descriptions.Item label={label('institution')}>{s.institutionName}</Descriptions.Item>
          <Descriptions.Item label={label('samplers')}>{s.samplerNames.length ? s.samplerNames.join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label={label('dueOn')}>{formatDate(s.dueOn)}</Descriptions.Item>
          <Descriptions.Item label={label('sampleSize')}>
            <SampleSize sample={s} />
          </Descriptions.Item>
          {s.finalConclusion && (
            <Descriptions.Item label={label('finalConclusion')}>
              <ConclusionTag value={s.finalConclusion} final />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {recording && <RecordCard sample={s} onChanged={sample.reload} />}
      {can('spotcheck.sample') && (s.status === 'drawn' || s.status === 'assigned') && <AssignCard sample={s} onChanged={sample.reload} />}
      {!recording && s.sampledAt && (
        <Card title={label('recordTitle')}>
          <RecordView sample={s} />
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{label('photos')}</Typography.Text>
            <Thumbs sample={s} kind="photo" />
            <Typography.Text strong>{label('signatures')}</Typography.Text>
            <Thumbs sample={s} kind="signature" />
          </Space>
        </Card>
      )}
      {institution && s.status === 'sampled' && (
        <ResultForm
          sample={s}
          kind="report"
          title={label('resultEntry')}
          onChanged={sample.reload}
          onSubmit={(v) => run(() => samplesApi.saveResult(s, { items: v.items, conclusion: v.conclusion, reportNo: v.reportNo, reportedOn: v.on }))}
        />
      )}
      {s.reportNo && <ResultView sample={s} />}
      {staff && s.reportNo && <NoticeCard sample={s} onChanged={sample.reload} />}
      {(staff || s.objection) && <ObjectionPanel sample={s} onChanged={sample.reload} />}
      {staff && (finalFail || s.followup) && <FollowupPanel sample={s} onChanged={sample.reload} />}
    </Space>
  );
}
