import { App, Button, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User, UserQuery } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { isStale } from '../../api/client';
import { useNotifyError } from '../../app/errors';
import { formatDateTime, isFuture } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { useOrgs } from '../orgs';
import { useRoles } from '../roles';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { usersApi } from './users.api';

function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const tags = [];
  if (!user.active) tags.push(<Tag key="disabled">{t('users.statusDisabled')}</Tag>);
  if (isFuture(user.lockedUntil)) tags.push(<Tag key="locked" color="red">{t('users.statusLocked')}</Tag>);
  if (user.mustChangePassword) tags.push(<Tag key="must" color="orange">{t('users.statusMustChange')}</Tag>);
  if (!tags.length) tags.push(<Tag key="ok" color="green">{t('users.statusNormal')}</Tag>);
  return <Space size={[0, 4]} wrap>{tags}</Space>;
}

export function UserListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { can, user: me } = useAuth();
  const canWrite = can('user.write');
  const orgs = useOrgs(can('org.read'));
  const roles = useRoles(can('role.read'));
  const [reloadToken, setReloadToken] = useState(0);
  const reload = () => setReloadToken((n) => n + 1);
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const unlock = (user: User) => {
    usersApi.unlock(user.id, user.version).then(
      () => {
        void message.success(t('users.unlocked'));
        reload();
      },
      (err: unknown) => {
        notifyError(err);
        if (isStale(err)) reload();
      },
    );
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.org'), dataIndex: 'orgName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (keys: string[]) => (
        <Space size={[0, 4]} wrap>
          {keys.map((k) => (
            <Tag key={k} color="blue">
              {roles.labelOf(k)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.status'), key: 'status', render: (_, u) => <UserStatus user={u} /> },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ user: u })}>
                  {t('common.edit')}
                </Button>
                {u.id !== me?.id && (
                  // one's own password is changed with the current one (POST /api/auth/password)
                  <Button type="link" size="small" onClick={() => setResetting(u)}>
                    {t('users.resetPassword')}
                  </Button>
                )}
                {isFuture(u.lockedUntil) && (
                  <Button type="link" size="small" onClick={() => unlock(u)}>
                    {t('users.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<User, UserQuery>
        title={t('users.title')}
        fetch={usersApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('users.create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={t('users.q')}>
              <Input allowClear style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="orgId" label={t('users.org')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 260 }} options={orgs.options} />
            </Form.Item>
            <Form.Item name="role" label={t('users.roles')}>
              <Select allowClear style={{ width: 160 }} options={roles.options} />
            </Form.Item>
          </>
        }
      />
      <UserFormModal
        open={!!editing}
        user={editing?.user}
        orgOptions={orgs.options}
        roleOptions={roles.options}
        onClose={() => setEditing(null)}
        onSaved={reload}
        onStale={reload}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={() => {
          void message.success(t('users.resetDone'));
          reload();
        }}
        onStale={reload}
      />
    </>
  );
}
