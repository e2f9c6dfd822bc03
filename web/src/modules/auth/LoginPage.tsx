import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { LoginInput } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { errorText } from '../../app/errorText';
import { formatDateTime } from '../../app/format';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { AuthPageFrame } from './AuthPageFrame';

function lockedUntil(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'LOCKED') return null;
  const until = (err.details as { lockedUntil?: string } | undefined)?.lockedUntil;
  return until ?? null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(user.mustChangePassword ? '/password' : from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      setError(err);
      setSubmitting(false);
    }
  };

  const until = lockedUntil(error);

  return (
    <AuthPageFrame extra={<LanguageSwitch />} title={t('login.title')}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 20, textAlign: 'center', marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="login-error"
            style={{ marginBottom: 16 }}
            message={errorText(error, t)}
            description={until ? t('login.lockedUntil', { time: formatDateTime(until) }) : undefined}
          />
        )}
        <Form<LoginInput> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16, display: 'flex', flexWrap: 'wrap', justifyContent: 'center', columnGap: 16, rowGap: 4 }}>
          <Link to="/public/enterprise">{t('login.publicLookup')}</Link>
          <Link to="/public/enterprise-account/apply">{t('entApply.link')}</Link>
          <Link to="/public/enterprise-account/status">{t('entApply.statusLink')}</Link>
        </div>
      </Card>
    </AuthPageFrame>
  );
}
