import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ServerFieldError } from '../../app/components/ServerFieldError';
import { useNotifyError } from '../../app/errors';
import { isAfterToday, todayInChina } from '../../app/format';
import { namedFieldError, useServerFieldError } from '../../app/hooks/useServerFieldError';
import './cases.pages.i18n';
import { casePath, casesApi, LEAD_SOURCES, SOURCES_WITH_RECORD, type LeadSource, type NewCaseInput } from './cases.api';
import { explained, useSourceOptions } from './labels';

interface Values {
  leadSource: LeadSource;
  leadId?: string;
  uscc?: string;
  partyName: string;
  summary: string;
  foundOn: Dayjs;
}

const FIELDS = ['leadSource', 'leadId', 'uscc', 'partyName', 'summary', 'foundOn'] as const;
const text = (v: string | undefined) => v?.trim() || undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 登记案件线索: a lead from another module (its record's id, prefilled from `?leadSource=&leadId=`
 * when linked from the lead's page), another department or an officer. The case starts at `lead`.
 */
export function NewCasePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [params] = useSearchParams();
  const sourceOptions = useSourceOptions();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [existing, setExisting] = useState<string | null>(null);
  const fieldError = useServerFieldError(namedFieldError(FIELDS));
  const source = Form.useWatch('leadSource', form);
  const withRecord = !!source && SOURCES_WITH_RECORD.includes(source);

  const fromQuery = params.get('leadSource') as LeadSource | null;
  const initial: Partial<Values> = {
    leadSource: fromQuery && LEAD_SOURCES.includes(fromQuery) ? fromQuery : 'manual',
    leadId: params.get('leadId') ?? undefined,
    foundOn: todayInChina(),
  };

  const submit = async (v: Values) => {
    const input: NewCaseInput = {
      leadSource: v.leadSource,
      leadId: SOURCES_WITH_RECORD.includes(v.leadSource) ? text(v.leadId) : undefined,
      uscc: text(v.uscc)?.toUpperCase(),
      partyName: v.partyName.trim(),
      summary: v.summary.trim(),
      foundOn: v.foundOn.format('YYYY-MM-DD'),
    };
    setSaving(true);
    setExisting(null);
    try {
      const created = await fieldError.guard(() => casesApi.create(input));
      void message.success(t('cases.created', { caseNo: created.caseNo }));
      navigate(casePath(created.id));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LEAD_ALREADY_CASE') {
        const caseId = (err.details as { caseId?: unknown } | null)?.caseId;
        if (typeof caseId === 'string') setExisting(caseId);
      }
      notifyError(explained(err, t));
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const half = { xs: 24, md: 12 };

  return (
    <Card title={t('cases.newTitle')}>
      <Form<Values> form={form} layout="vertical" name="case-entry" initialValues={initial} onFinish={(v) => void submit(v)} style={{ maxWidth: 960 }}>
        <Alert type="info" showIcon message={t('cases.newHint')} style={{ marginBottom: 16 }} />
        {existing && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="existing-case"
            message={
              <Space wrap>
                {t('cases.existingCase')}
                <Link to={casePath(existing)}>{t('cases.openExisting')}</Link>
              </Space>
            }
          />
        )}
        <ServerFieldError error={fieldError.error} />
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="leadSource" label={t('cases.leadSource')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.leadSource') }) }]}>
              <Select options={sourceOptions} data-testid="lead-source" />
            </Form.Item>
          </Col>
          <Col {...half}>
            {withRecord && (
              <Form.Item
                name="leadId"
                label={t('cases.leadId')}
                extra={t('cases.leadIdHint')}
                rules={[...required(t('cases.leadId')), { pattern: UUID, message: t('cases.leadIdHint') }]}
              >
                <Input maxLength={36} style={{ fontFamily: 'monospace' }} data-testid="lead-id" />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item name="partyName" label={t('cases.partyName')} rules={required(t('cases.partyName'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="uscc" label={t('cases.uscc')} extra={t('cases.usccHint')}>
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="foundOn" label={t('cases.foundOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.foundOn') }) }]}>
              <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label={t('cases.summary')} rules={required(t('cases.summary'))}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('cases.summaryPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="create-case">
            {t('cases.create')}
          </Button>
          <Button onClick={() => navigate('/cases')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
