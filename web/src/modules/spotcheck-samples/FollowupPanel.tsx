import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Radio, Select, Space, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { newCasePath } from '../cases';
import { StageTag } from './labels';
import { casePath, samplesApi, type FollowupAction, type Sample } from './spotcheckSamples.api';
import { useWrite } from './useWrite';

const ISO = 'YYYY-MM-DD';
const ACTIONS: FollowupAction[] = ['order', 'recheck', 'notice', 'suspend', 'close'];
interface Values {
  action: FollowupAction;
  on: Dayjs;
  dueOn?: Dayjs;
  passed?: boolean;
  note?: string;
}

/**
 * 后处理 of a failed final sample: 责令整改 (with its .docx), 复查 passed/failed, 公告, 责令停业整顿,
 * 移送立案 (the cases module's new-case page with the lead), 结案 — every step dated.
 */
export function FollowupPanel({ sample, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const exists = !!sample.followup;
  const f = useAsync(() => (exists ? samplesApi.followup(sample.id) : Promise.resolve(null)), `${sample.followup?.id ?? ''}:${sample.followup?.version ?? ''}`);
  const { run, busy } = useWrite(() => {
    f.reload();
    onChanged();
  });
  const writer = can('spotcheck.sample');
  const fu = f.data;
  const allowed = (fu ? (fu.allowedActions as string[]) : ['order']).filter((a): a is FollowupAction => (ACTIONS as string[]).includes(a));
  const referable = fu && (fu.stage === 'noticed' || fu.stage === 'suspended') && !fu.caseId;

  return (
    <Card
      title={label('followupTitle')}
      extra={fu && <StageTag stage={fu.stage} overdue={fu.overdue} />}
      data-testid="followup-panel"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {fu && (
          <Space wrap>
            {fu.orderNo && (
              <Button icon={<DownloadOutlined />} href={samplesApi.orderUrl(sample.id)} data-testid="download-order">
                {`${label('orderDoc')} ${fu.orderNo}`}
              </Button>
            )}
            {fu.dueOn && <Typography.Text type={fu.overdue ? 'danger' : undefined}>{`${label('correctionDue')} ${formatDate(fu.dueOn)}`}</Typography.Text>}
            {fu.caseId && <Link to={casePath(fu.caseId)}>{`${label('case')} ${fu.caseNo ?? ''}`}</Link>}
          </Space>
        )}
        {fu && fu.steps.length > 0 && (
          <Timeline
            data-testid="followup-steps"
            items={fu.steps.map((s, i) => ({
              key: i,
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{`${formatDate(s.on)} ${t(`spotcheckSamples.actions.${s.action}`, { defaultValue: s.action })}`}</Typography.Text>
                  <Typography.Text type="secondary">{[s.byName, s.documentNo, s.dueOn ? `${label('correctionDue')} ${formatDate(s.dueOn)}` : null, s.note].filter(Boolean).join(' · ')}</Typography.Text>
                </Space>
              ),
            }))}
          />
        )}
        {writer && referable && (
          <Link to={newCasePath('spot_check', sample.id)}>
            <Button danger data-testid="refer-case">
              {label('referCase')}
            </Button>
          </Link>
        )}
        {writer && allowed.length > 0 && (!exists || fu) && (
          <StepForm
            key={`${fu?.id ?? 'new'}:${fu?.version ?? 0}`}
            allowed={allowed}
            busy={busy}
            onFinish={(v) =>
              void run(() =>
                samplesApi.followupStep(sample.id, fu?.version, {
                  action: v.action,
                  on: v.on.format(ISO),
                  dueOn: v.action === 'order' && v.dueOn ? v.dueOn.format(ISO) : undefined,
                  passed: v.action === 'recheck' ? v.passed : undefined,
                  note: v.note || undefined,
                }),
              )
            }
          />
        )}
      </Space>
    </Card>
  );
}

/** The next step's form (remounted for each version of the follow-up: a fresh form each time). */
function StepForm({ allowed, busy, onFinish }: { allowed: FollowupAction[]; busy: boolean; onFinish: (v: Values) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const action = Form.useWatch('action', form);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ action: allowed[0], on: todayInChina() }} onFinish={onFinish} data-testid="followup-form">
      <Form.Item name="action" label={label('nextStep')}>
        <Select options={allowed.map((a) => ({ value: a, label: t(`spotcheckSamples.actions.${a}`) }))} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="on" label={label('stepOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={isAfterToday} inputReadOnly />
        </Form.Item>
        {action === 'order' && (
          <Form.Item name="dueOn" label={label('correctionDue')} extra={label('correctionDueHint')}>
            <DatePicker inputReadOnly />
          </Form.Item>
        )}
      </Space>
      {action === 'recheck' && (
        <Form.Item name="passed" label={label('recheckResult')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: label('recheckPassed') }, { value: false, label: label('recheckFailed') }]} />
        </Form.Item>
      )}
      <Form.Item name="note" label={label('note')} rules={action === 'close' ? [{ required: true, whitespace: true }] : []}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="followup-submit">
        {label('recordStep')}
      </Button>
    </Form>
  );
}
