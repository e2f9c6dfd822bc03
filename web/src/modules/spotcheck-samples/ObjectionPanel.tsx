import { Button, Card, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ConclusionTag, ObjectionStatusTag } from './labels';
import { ItemsTable, ResultForm } from './ResultCard';
import { samplesApi, type Sample } from './spotcheckSamples.api';
import { useWrite } from './useWrite';

const ISO = 'YYYY-MM-DD';

/** 异议 from a letter (staff with spotcheck.sample, within the window). */
function FileObjection({ sample, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useWrite(onChanged);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  return (
    <Form<{ filedOn: Dayjs; reason: string; items?: string[] }>
      layout="vertical"
      initialValues={{ filedOn: todayInChina() }}
      onFinish={(v) => void run(() => samplesApi.fileObjection(sample, { filedOn: v.filedOn.format(ISO), reason: v.reason, items: v.items ?? [] }))}
      data-testid="objection-file-form"
    >
      <Typography.Paragraph type="secondary">{label('objectionFromLetter')}</Typography.Paragraph>
      <Form.Item name="filedOn" label={label('filedOn')} rules={[{ required: true }]}>
        <DatePicker disabledDate={isAfterToday} inputReadOnly />
      </Form.Item>
      <Form.Item name="items" label={label('objectedItems')}>
        <Select mode="multiple" allowClear options={(sample.items ?? []).map((i) => ({ value: i.item, label: i.item }))} />
      </Form.Item>
      <Form.Item name="reason" label={label('objectionReason')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {label('fileObjection')}
      </Button>
    </Form>
  );
}

/**
 * 异议: filed from a letter (or by the enterprise online), the section head's decision (refuse with
 * a reason, or accept with a retest institution other than the first), the retest results entered
 * by the retest institution's account, the final conclusion and whether the objection was upheld.
 */
export function ObjectionPanel({ sample, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const o = sample.objection;
  const full = useAsync(() => (o ? samplesApi.objection(o.id) : Promise.resolve(null)), `${o?.id ?? ''}:${o?.version ?? ''}`);
  const approver = can('spotcheck.approve');
  const institutions = useAsync(() => (approver && o?.status === 'filed' ? samplesApi.institutions() : Promise.resolve(null)), `${approver}:${o?.status ?? ''}`);
  const { run, busy } = useWrite(onChanged);
  const [decide] = Form.useForm<{ accept: boolean; reason: string; retestInstitutionId?: string }>();
  const accept = Form.useWatch('accept', decide);
  const windowOpen = sample.receivedOn && !sample.finalConclusion && sample.objectionDueOn && sample.objectionDueOn >= todayInChina().format(ISO);

  if (!o) {
    if (!can('spotcheck.sample') || !sample.notifiedOn || !windowOpen) return null;
    return (
      <Card title={label('objectionTitle')} data-testid="objection-panel">
        <FileObjection sample={sample} onChanged={onChanged} />
      </Card>
    );
  }
  const x = full.data;
  return (
    <Card title={label('objectionTitle')} extra={<ObjectionStatusTag status={o.status} />} data-testid="objection-panel">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={label('filedOn')}>{`${formatDate(o.filedOn)} · ${t(`spotcheckSamples.filedBy.${o.filedBy}`)}${x ? ` · ${x.filedByName}` : ''}`}</Descriptions.Item>
          <Descriptions.Item label={label('objectedItems')}>{o.items.length ? o.items.join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label={label('objectionReason')} span={2}>
            {o.reason}
          </Descriptions.Item>
          {o.decidedOn && (
            <Descriptions.Item label={label('decision')} span={2}>
              {`${formatDate(o.decidedOn)} · ${o.status === 'refused' ? label('refused') : label('accepted')}${x?.decidedByName ? ` · ${x.decidedByName}` : ''} · ${o.decisionReason ?? ''}`}
            </Descriptions.Item>
          )}
          {x?.retestInstitutionName && <Descriptions.Item label={label('retestInstitution')}>{x.retestInstitutionName}</Descriptions.Item>}
          {o.retestedOn && (
            <Descriptions.Item label={label('retestResult')}>
              <Space size={4} wrap>
                <ConclusionTag value={o.retestConclusion} />
                {formatDate(o.retestedOn)}
                {x?.retestReportNo && `· ${x.retestReportNo}`}
                {sample.files
                  .filter((f) => f.kind === 'retest_report')
                  .map((f) => (
                    <a key={f.id} href={samplesApi.fileUrl(sample.id, f.id)} download={f.fileName} title={`SHA-256 ${f.sha256}`}>
                      {f.fileName}
                    </a>
                  ))}
                {o.upheld !== null && <Typography.Text type={o.upheld ? 'success' : 'secondary'}>{o.upheld ? label('upheld') : label('notUpheld')}</Typography.Text>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {x?.retestItems && x.retestItems.length > 0 && <ItemsTable items={x.retestItems} />}
        {o.status === 'filed' && approver && (
          <Form
            form={decide}
            layout="vertical"
            initialValues={{ accept: false }}
            onFinish={(v) => void run(() => samplesApi.decide(o, { accept: v.accept, reason: v.reason, retestInstitutionId: v.accept ? v.retestInstitutionId : undefined }))}
            data-testid="objection-decide-form"
          >
            <Form.Item name="accept" label={label('decision')}>
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: false, label: label('refuse') }, { value: true, label: label('accept') }]} />
            </Form.Item>
            {accept && (
              <Form.Item name="retestInstitutionId" label={label('retestInstitution')} rules={[{ required: true }]} extra={label('retestInstitutionHint')}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={institutions.loading}
                  options={(institutions.data?.items ?? []).filter((i) => i.id !== sample.institutionId).map((i) => ({ value: i.id, label: i.name }))}
                />
              </Form.Item>
            )}
            <Form.Item name="reason" label={label('decisionReason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {label('decide')}
            </Button>
          </Form>
        )}
        {o.status === 'accepted' && can('spotcheck.result') && (
          <ResultForm
            sample={sample}
            kind="retest_report"
            title={label('retestTitle')}
            onChanged={onChanged}
            onSubmit={(v) => run(() => samplesApi.retest(o, { items: v.items, conclusion: v.conclusion, reportNo: v.reportNo, retestedOn: v.on }))}
          />
        )}
      </Space>
    </Card>
  );
}
