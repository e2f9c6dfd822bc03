import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useSessionUser } from '../../app/auth/AuthContext';
import { PasswordRules, passwordRule, usePasswordPolicy } from '../../app/components/PasswordRules';
import { errorText } from '../../app/errorText';
import { authApi } from '../../app/auth/auth.api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useSessionUser();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const policy = usePasswordPolicy();

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      await refresh();
      void message.success(t('password.success'));
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
      setSubmitting(false);
    }
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      {user.mustChangePassword && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('password.mustChange')} />
      )}
      {error !== null && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={errorText(error, t)} />
      )}
      <Form<Values> layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[required(t('password.current'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.next')} rules={[required(t('password.next')), passwordRule(policy, t)]} extra={<PasswordRules field="newPassword" />}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t('password.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
