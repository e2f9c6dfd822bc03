import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { PasswordRules, passwordRule, usePasswordPolicy } from '../../app/components/PasswordRules';
import { usersApi } from './users.api';

interface Values {
  password: string;
  mustChangePassword: boolean;
}

export function ResetPasswordModal({ user, onClose, onSaved, onStale }: { user: User | null; onClose: () => void; onSaved: () => void; onStale?: () => void }) {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  return (
    <FormModal<Values>
      open={!!user}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      initialValues={{ mustChangePassword: true }}
      onSubmit={async (v) => {
        await usersApi.resetPassword(user!.id, v, user!.version);
        onSaved();
      }}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item
        name="password"
        label={t('users.newPassword')}
        rules={[{ required: true, message: t('common.required', { field: t('users.newPassword') }) }, passwordRule(policy, t)]}
        extra={<PasswordRules field="password" />}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="mustChangePassword" valuePropName="checked">
        <Checkbox>{t('users.mustChangePassword')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
