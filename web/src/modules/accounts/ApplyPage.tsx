import { Alert, Button, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { PublicFrame } from '../../app/layout/PublicFrame';
import { accountRequestsPublicApi, type ApplyInput } from './accounts.api';
import './accounts.pages.i18n';

const FIELDS = ['uscc', 'enterpriseName', 'applicantName', 'phone', 'username'] as const;
type Field = (typeof FIELDS)[number];

/** Where a refused application's error belongs: a field (shown under it) or the form as a whole. */
function fieldOf(err: unknown, mismatch: string): { field: Field; message: string } | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'USCC_FORMAT' || err.code === 'USCC_CHECK_DIGIT') return { field: 'uscc', message: err.message };
  if (err.code === 'ENTERPRISE_MISMATCH') return { field: 'enterpriseName', message: mismatch };
  const named = (err.details as { field?: unknown } | null | undefined)?.field;
  const field = FIELDS.find((f) => f === named);
  return field ? { field, message: err.message } : null;
}

/** 企业账号申请: public, no sign-in; answers the request number to keep. */
export function ApplyPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApplyInput>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [requestNo, setRequestNo] = useState<string | null>(null);

  const submit = async (values: ApplyInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as ApplyInput;
      setRequestNo((await accountRequestsPublicApi.apply({ ...trimmed, uscc: trimmed.uscc.replace(/\s/g, '').toUpperCase() })).requestNo);
    } catch (err) {
      const onField = fieldOf(err, t('entApply.mismatch'));
      if (onField) form.setFields([{ name: onField.field, errors: [onField.message] }]);
      else setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const limited = error instanceof ApiError && error.status === 429;
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];

  return (
    <PublicFrame width={520} title={t('entApply.title')} extra={<Link to="/login">{t('entApply.toLogin')}</Link>} testId="apply-page">
      {requestNo ? (
        <div data-testid="apply-result">
          <Result
            status="success"
            title={t('entApply.submitted')}
            subTitle={t('entApply.keepNo')}
            extra={
              <Space direction="vertical" align="center">
                <Typography.Title level={2} copyable={{ text: requestNo, tooltips: [t('common.copy'), t('common.copied')] }} data-testid="request-no" style={{ margin: 0 }}>
                  {requestNo}
                </Typography.Title>
                <Link to={`/public/enterprise-account/status?no=${encodeURIComponent(requestNo)}`}>{t('entApply.toStatus')}</Link>
              </Space>
            }
          />
        </div>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('entApply.intro')}</Typography.Paragraph>
          {error !== null && (
            <Alert type={limited ? 'warning' : 'error'} showIcon role="alert" data-testid="apply-error" style={{ marginBottom: 16 }} message={limited ? t('entApply.rateLimited') : errorText(error, t)} />
          )}
          <Form<ApplyInput> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item name="uscc" label={t('entApply.uscc')} rules={required(t('entApply.uscc'))}>
              <Input maxLength={24} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item name="enterpriseName" label={t('entApply.enterpriseName')} extra={t('entApply.enterpriseNameHint')} rules={required(t('entApply.enterpriseName'))}>
              <Input maxLength={200} autoComplete="organization" />
            </Form.Item>
            <Form.Item name="applicantName" label={t('entApply.applicantName')} rules={required(t('entApply.applicantName'))}>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
            <Form.Item name="phone" label={t('entApply.phone')} extra={t('entApply.phoneHint')} rules={required(t('entApply.phone'))}>
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name="username" label={t('entApply.username')} extra={t('entApply.usernameHint')} rules={required(t('entApply.username'))}>
              <Input maxLength={32} autoComplete="off" autoCapitalize="none" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {t('entApply.submit')}
            </Button>
          </Form>
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Space wrap split="·">
              <Link to="/public/enterprise-account/status">{t('entApply.statusLink')}</Link>
              <Link to="/public/enterprise">{t('entApply.toLookup')}</Link>
            </Space>
          </div>
        </>
      )}
    </PublicFrame>
  );
}
