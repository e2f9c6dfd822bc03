import { Alert, Button, Card, Col, Descriptions, Form, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errorText';
import { AQL_SERIES, INSPECTION_LEVELS, spotchecksApi, type SamplingPlan, type SamplingPlanQuery } from './spotchecks.api';
import './spotchecks.pages.i18n';

/**
 * GB/T 2828.1 (ISO 2859-1), normal inspection, single sampling: lot size, inspection level and AQL
 * → code letter, sample size n, acceptance number Ac and rejection number Re (the server follows
 * the master table's arrows and inspects the whole lot when n ≥ the lot size).
 */
export function SamplingPlanCalculator({ initial }: { initial?: Partial<SamplingPlanQuery> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SamplingPlanQuery>();
  const [answer, setAnswer] = useState<{ query: SamplingPlanQuery; plan: SamplingPlan } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const label = (key: string) => t(`spotchecks.${key}`);

  const run = async (query: SamplingPlanQuery) => {
    setLoading(true);
    setError(null);
    try {
      setAnswer({ query, plan: await spotchecksApi.samplingPlan(query) });
    } catch (err) {
      setAnswer(null);
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div data-testid="sampling-plan">
      <Form<SamplingPlanQuery> form={form} layout="vertical" initialValues={{ lotSize: 500, level: 'II', aql: '2.5', ...initial }} onFinish={(v) => void run(v)}>
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={8}>
            <Form.Item name="lotSize" label={label('lotSize')} rules={[{ required: true, message: t('common.required', { field: label('lotSize') }) }]}>
              <InputNumber min={2} max={100_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="level" label={label('inspectionLevel')}>
              <Select options={INSPECTION_LEVELS.map((l) => ({ value: l, label: l }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={5}>
            <Form.Item name="aql" label="AQL">
              <Select showSearch options={AQL_SERIES.map((a) => ({ value: a, label: a }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={5}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={loading} block data-testid="sampling-plan-run">
                {label('calculate')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {answer && (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 2, sm: 4, md: 4, lg: 4, xl: 4, xxl: 4 }}
          data-testid="sampling-plan-answer"
          items={[
            { key: 'letter', label: label('codeLetter'), children: <Typography.Text strong>{answer.plan.codeLetter}</Typography.Text> },
            { key: 'n', label: label('sampleSizeN'), children: <Typography.Text strong>{answer.plan.sampleSize}</Typography.Text> },
            { key: 'ac', label: 'Ac', children: answer.plan.ac },
            { key: 're', label: 'Re', children: answer.plan.re },
          ]}
        />
      )}
      {answer && answer.plan.sampleSize >= answer.query.lotSize && <Alert style={{ marginTop: 8 }} type="info" showIcon message={label('wholeLot')} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {label('samplingHint')}
      </Typography.Paragraph>
    </div>
  );
}

export function SamplingPlanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('spotchecks.samplingTitle')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <SamplingPlanCalculator />
    </Modal>
  );
}

/** 抽样方案计算 (a page of its own, for the menu). */
export function SamplingPlanPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('spotchecks.samplingTitle')}>
      <SamplingPlanCalculator />
    </Card>
  );
}
