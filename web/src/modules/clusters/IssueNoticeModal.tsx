import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { clustersApi, EVIDENCE_TYPES, type Cluster, type EvidenceType, type Overview, type RiskNotice } from './clusters.api';
import { isoDate } from './labels';
import './clusters.pages.i18n';

interface EvidenceValues {
  type: EvidenceType;
  ref?: string;
  text?: string;
}
interface ProblemValues {
  title: string;
  detail: string;
  evidence?: EvidenceValues[];
}
interface Values {
  government: string;
  issuedOn?: Dayjs;
  problems: ProblemValues[];
  recommendations: string;
  replyDueOn: Dayjs;
}

const FIELDS = ['government', 'issuedOn', 'problems', 'recommendations', 'replyDueOn'] as const;
/** Evidence kinds picked from the cluster's records; the others are described in words. */
const PICKED: readonly EvidenceType[] = ['inspection_task', 'case', 'complaint', 'spot_check'];

interface EvidenceOption {
  /** The reference sent (`ref`). */
  value: string;
  /** What the picker shows, and what the notice prints unless `printed` is given. */
  label: string;
  /** What the notice prints when it differs from the picker's label (the notice adds the reference in brackets). */
  printed?: string;
}

/** The records of the overview a problem can cite, per kind: value = the reference sent, label = what the notice prints. */
function useEvidenceOptions(overview: Overview | undefined) {
  const { t } = useTranslation();
  // the label is what the notice prints (at most 300 characters)
  const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);
  const outcome = (failing: string[]) => (failing.length ? t('clusters.overview.failingItemsOf', { items: failing.join('、') }) : t('clusters.overview.conclusions.pass'));
  const options: Record<string, EvidenceOption[]> = {
    inspection_task: (overview?.inspections.items ?? []).map((r) => ({
      value: r.taskId,
      label: cut([r.name, r.itemName, formatDate(r.completedOn), r.findings.length ? r.findings.join('；') : t('clusters.overview.none')].join(' · ')),
    })),
    case: (overview?.cases.items ?? []).map((c) => ({ value: c.id, label: cut(`${c.caseNo} · ${c.partyName} · ${c.summary}`) })),
    complaint: (overview?.complaints.byEnterprise ?? []).map((c) => ({ value: c.uscc, label: cut(`${c.name} · ${t('clusters.overview.substantiatedCount')} ${c.count}`) })),
    // the sample number is the reference (printed in brackets after the label), failed samples first
    spot_check: [...(overview?.spotChecks.items ?? [])]
      .sort((a, b) => Number(a.finalConclusion === 'pass') - Number(b.finalConclusion === 'pass'))
      .map((r) => ({
        value: r.sampleNo,
        label: cut([r.name, r.productName, r.sampleNo, outcome(r.failingItems)].join(' · ')),
        printed: cut([r.name, r.productName, r.sampledOn ? formatDate(r.sampledOn) : String(r.year), outcome(r.failingItems)].join(' · ')),
      })),
  };
  return options;
}

/** 制发质量风险提示函: to the local government, the problems with their evidence, recommendations, the reply deadline. */
export function IssueNoticeModal({ cluster, overview, open, onClose, onIssued }: { cluster: Cluster; overview: Overview | undefined; open: boolean; onClose: () => void; onIssued: (n: RiskNotice) => void }) {
  const { t } = useTranslation();
  const rules = useRequiredRules();
  const options = useEvidenceOptions(overview);
  const label = (key: string) => t(`clusters.notices.${key}`);

  const submit = async (v: Values) => {
    const problems = v.problems.map((p) => ({
      title: p.title.trim(),
      detail: p.detail.trim(),
      evidence: (p.evidence ?? [])
        .filter((e) => (PICKED.includes(e.type) ? e.ref : e.text?.trim()))
        .map((e) => {
          if (!PICKED.includes(e.type)) return { type: e.type, ref: '', label: e.text!.trim() };
          const picked = options[e.type]?.find((o) => o.value === e.ref);
          return { type: e.type, ref: e.ref!, label: picked?.printed ?? picked?.label ?? e.ref! };
        }),
    }));
    const issued = await clustersApi.issue(cluster.id, {
      government: v.government.trim(),
      issuedOn: isoDate(v.issuedOn),
      problems,
      recommendations: v.recommendations.trim(),
      replyDueOn: v.replyDueOn.format('YYYY-MM-DD'),
    });
    onIssued(issued);
  };

  return (
    <FormModal<Values>
      open={open}
      title={label('issueTitle')}
      width={880}
      okText={label('issue')}
      initialValues={{ issuedOn: todayInChina(), replyDueOn: todayInChina().add(30, 'day'), problems: [{ title: '', detail: '', evidence: [] }] }}
      onClose={onClose}
      onSubmit={submit}
      fieldErrorOf={namedFieldError(FIELDS)}
    >
      <Typography.Paragraph type="secondary">{label('issueHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="government" label={label('government')} rules={rules.required(label('government'))}>
            <Input maxLength={100} placeholder="盱眙县人民政府" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="issuedOn" label={label('issuedOn')}>
            <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="replyDueOn" label={label('replyDueOn')} rules={rules.selectRequired(label('replyDueOn'))}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{label('problems')}</Typography.Title>
      <Form.List
        name="problems"
        rules={[
          {
            validator: async (_, problems?: unknown[]) => {
              if (!problems?.length) throw new Error(label('problemsRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={t('clusters.notices.problem', { n: i + 1 })}
                data-testid="notice-problem"
                extra={fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />}
              >
                <Form.Item name={[field.name, 'title']} label={label('problemTitle')} rules={rules.required(label('problemTitle'))}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[field.name, 'detail']} label={label('problemDetail')} rules={rules.required(label('problemDetail'))}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Form.List name={[field.name, 'evidence']}>
                  {(rows, evidence) => (
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      <Typography.Text type="secondary">{label('evidence')}</Typography.Text>
                      {rows.map((row) => (
                        <Row key={row.key} gutter={8} align="top" data-testid="notice-evidence">
                          <Col xs={24} sm={7}>
                            <Form.Item name={[row.name, 'type']} rules={rules.selectRequired(label('evidenceType'))} style={{ marginBottom: 8 }}>
                              <Select aria-label={label('evidenceType')} options={EVIDENCE_TYPES.map((e) => ({ value: e, label: t(`clusters.notices.evidenceTypes.${e}`) }))} />
                            </Form.Item>
                          </Col>
                          <Col xs={20} sm={15}>
                            <Form.Item noStyle dependencies={[['problems', field.name, 'evidence', row.name, 'type']]}>
                              {({ getFieldValue }) => {
                                const type = getFieldValue(['problems', field.name, 'evidence', row.name, 'type']) as EvidenceType | undefined;
                                return type && PICKED.includes(type) ? (
                                  <Form.Item name={[row.name, 'ref']} rules={rules.selectRequired(label('evidenceRef'))} style={{ marginBottom: 8 }}>
                                    <Select aria-label={label('evidenceRef')} showSearch optionFilterProp="label" options={options[type] ?? []} />
                                  </Form.Item>
                                ) : (
                                  <Form.Item name={[row.name, 'text']} rules={rules.required(label('evidenceText'))} style={{ marginBottom: 8 }}>
                                    <Input aria-label={label('evidenceText')} maxLength={300} placeholder={label('evidenceText')} />
                                  </Form.Item>
                                );
                              }}
                            </Form.Item>
                          </Col>
                          <Col xs={4} sm={2}>
                            <Button type="text" danger icon={<DeleteOutlined />} onClick={() => evidence.remove(row.name)} aria-label={t('common.delete')} />
                          </Col>
                        </Row>
                      ))}
                      <Button size="small" icon={<PlusOutlined />} onClick={() => evidence.add({ type: 'inspection_task' })}>
                        {label('addEvidence')}
                      </Button>
                    </Space>
                  )}
                </Form.List>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '', detail: '', evidence: [] })}>
              {label('addProblem')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        )}
      </Form.List>
      <Form.Item name="recommendations" label={label('recommendations')} rules={rules.required(label('recommendations'))} style={{ marginTop: 16 }}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
    </FormModal>
  );
}
