import { Button, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageQuery, Role } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import { ListPage } from '../../app/list/ListPage';
import { RoleFormModal } from './RoleFormModal';
import { permissionLabel, roleLabel } from './roleLabel';
import { rolesApi } from './roles.api';
import './roles.pages.i18n';

export function RoleListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canWrite = can('role.write');
  const permissions = useAsync(rolesApi.permissions);
  const [reloadToken, setReloadToken] = useState(0);
  const [editing, setEditing] = useState<{ role?: Role } | null>(null);

  const columns: TableColumnsType<Role> = [
    { title: t('roles.key'), dataIndex: 'key' },
    { title: t('roles.name'), dataIndex: 'name', render: (v: string, r) => roleLabel(t, r.key, v) },
    { title: t('roles.dataScope'), dataIndex: 'dataScope', render: (v: string) => t(`dataScope.${v}`) },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (keys: string[]) => (
        <Space size={[0, 4]} wrap style={{ maxWidth: 560 }}>
          {keys.map((k) => (
            <Tooltip title={k} key={k}>
              <Tag>{permissionLabel(t, k)}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'builtin',
      render: (v: boolean) => (v ? <Tag color="purple">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, role: Role) =>
              role.key === 'admin' ? (
                <Tooltip title={t('roles.adminLocked')}>
                  <Button type="link" size="small" disabled>
                    {t('common.edit')}
                  </Button>
                </Tooltip>
              ) : (
                <Button type="link" size="small" onClick={() => setEditing({ role })}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<Role, PageQuery>
        title={t('roles.title')}
        fetch={rolesApi.list}
        rowKey="key"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      <RoleFormModal
        open={!!editing}
        role={editing?.role}
        permissions={permissions.data?.items ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => setReloadToken((n) => n + 1)}
        onStale={() => setReloadToken((n) => n + 1)}
      />
    </>
  );
}
