import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey, CreateApiKeyInput, PageQuery } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { useOrgs } from '../orgs';
import { roleLabel } from '../roles';
import { apiKeysApi } from './apikeys.api';
import { CreatedKeyModal } from './CreatedKeyModal';

export function ApiKeyListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { can } = useAuth();
  const canWrite = can('apikey.write');
  const orgs = useOrgs(canWrite && can('org.read'));
  const [reloadToken, setReloadToken] = useState(0);
  const reload = () => setReloadToken((n) => n + 1);
  const [creating, setCreating] = useState(false);
  const [createdKey, setCreatedKey] = useState<string | null>(null);

  const revoke = (key: ApiKey) =>
    apiKeysApi.revoke(key.id).then(() => {
      void message.success(t('apiKeys.revokedOk'));
      reload();
    }, notifyError);

  const columns: TableColumnsType<ApiKey> = [
    { title: t('apiKeys.name'), dataIndex: 'name' },
    { title: t('apiKeys.org'), dataIndex: 'orgName' },
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
    {
      title: t('apiKeys.roles'),
      dataIndex: 'roles',
      render: (keys: string[]) => (
        <Space size={[0, 4]} wrap>
          {keys.map((k) => (
            <Tag key={k}>{roleLabel(t, k)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('apiKeys.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDateTime(v) },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      render: (v: string | null) =>
        v ? <Tag>{`${t('apiKeys.revoked')} ${formatDateTime(v)}`}</Tag> : <Tag color="green">{t('apiKeys.valid')}</Tag>,
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, key: ApiKey) =>
              key.revokedAt ? null : (
                <Popconfirm
                  title={t('apiKeys.revokeConfirm')}
                  okText={t('apiKeys.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(key)}
                >
                  <Button type="link" size="small" danger>
                    {t('apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<ApiKey, PageQuery>
        title={t('apiKeys.title')}
        fetch={apiKeysApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('apiKeys.create')}
            </Button>
          )
        }
      />
      <FormModal<CreateApiKeyInput>
        open={creating}
        title={t('apiKeys.create')}
        okText={t('common.create')}
        onSubmit={async (v) => {
          const created = await apiKeysApi.create(v);
          setCreatedKey(created.key);
          reload();
        }}
        onClose={() => setCreating(false)}
      >
        <Form.Item
          name="orgId"
          label={t('apiKeys.org')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('apiKeys.org') }) }]}
        >
          <Select showSearch optionFilterProp="label" options={orgs.options} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          rules={[{ required: true, message: t('common.required', { field: t('apiKeys.name') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
      <CreatedKeyModal apiKey={createdKey} onClose={() => setCreatedKey(null)} />
    </>
  );
}
