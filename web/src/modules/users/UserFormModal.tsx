import { Checkbox, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { PasswordRules, passwordRule, usePasswordPolicy } from '../../app/components/PasswordRules';
import { usersApi } from './users.api';

interface Values {
  username: string;
  displayName: string;
  orgId: string;
  roles: string[];
  password: string;
  mustChangePassword: boolean;
  active: boolean;
}

type Option = { value: string; label: string };

interface Props {
  open: boolean;
  /** The user to edit; undefined to create one. */
  user?: User;
  orgOptions: Option[];
  roleOptions: Option[];
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the user meanwhile: reload (see FormModal). */
  onStale?: () => void;
}

export function UserFormModal({ open, user, orgOptions, roleOptions, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const selectRequired = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];

  // an org outside the caller's list still shows by name
  const orgs =
    user && !orgOptions.some((o) => o.value === user.orgId)
      ? [...orgOptions, { value: user.orgId, label: user.orgName }]
      : orgOptions;

  const onSubmit = async (v: Values) => {
    if (user) {
      // Only what changed: on one's own account the server refuses any roles, org or status change.
      const sameRoles = v.roles.length === user.roles.length && v.roles.every((r) => user.roles.includes(r));
      await usersApi.update(user.id, {
        displayName: v.displayName,
        ...(v.orgId !== user.orgId ? { orgId: v.orgId } : {}),
        ...(sameRoles ? {} : { roles: v.roles }),
        ...(v.active !== user.active ? { active: v.active } : {}),
      }, user.version);
    } else {
      await usersApi.create({
        username: v.username,
        displayName: v.displayName,
        orgId: v.orgId,
        roles: v.roles,
        password: v.password,
        mustChangePassword: v.mustChangePassword,
      });
    }
    onSaved();
  };

  return (
    <FormModal<Values>
      open={open}
      title={user ? t('users.edit') : t('users.create')}
      initialValues={
        user
          ? { username: user.username, displayName: user.displayName, orgId: user.orgId, roles: user.roles, active: user.active }
          : { roles: [], mustChangePassword: true }
      }
      onSubmit={onSubmit}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item name="username" label={t('users.username')} rules={user ? [] : required(t('users.username'))}>
        <Input disabled={!!user} maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="orgId" label={t('users.org')} rules={selectRequired(t('users.org'))}>
        <Select showSearch optionFilterProp="label" options={orgs} />
      </Form.Item>
      <Form.Item name="roles" label={t('users.roles')} rules={selectRequired(t('users.roles'))}>
        <Select mode="multiple" optionFilterProp="label" options={roleOptions} />
      </Form.Item>
      {user ? (
        <Form.Item name="active" label={t('users.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="password" label={t('users.password')} rules={[...required(t('users.password')), passwordRule(policy, t)]} extra={<PasswordRules field="password" />}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="mustChangePassword" valuePropName="checked">
            <Checkbox>{t('users.mustChangePassword')}</Checkbox>
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
