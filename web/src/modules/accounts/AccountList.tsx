import { App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { accountsApi, type CreateAccountInput, type EnterpriseAccount } from './accounts.api';
import { PasswordOnceModal, type ShownPassword } from './PasswordOnceModal';

const PAGE_SIZE = 20;
const CREATE_FIELDS = ['uscc', 'username', 'displayName', 'phone'] as const;

/**
 * Enterprises' accounts in the officer's scope: filter by USCC (or fixed to one enterprise),
 * open one (initial password shown once), disable, enable, reset the password (shown once).
 */
export function AccountList({ uscc: fixedUscc }: { uscc?: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [page, setPage] = useState(1);
  const [uscc, setUscc] = useState(fixedUscc ?? '');
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const writable = can('enterprise_account.write');
  const { data, loading, reload } = useAsync(() => accountsApi.list({ page, pageSize: PAGE_SIZE, uscc: uscc || undefined }), `${page}|${uscc}`);

  const act = (run: () => Promise<unknown>) => run().then(reload, notifyError);

  const columns: TableColumnsType<EnterpriseAccount> = [
    ...(fixedUscc
      ? []
      : [
          {
            title: t('entAccounts.enterprise'),
            key: 'enterprise',
            render: (_: unknown, a: EnterpriseAccount) => (
              <Space direction="vertical" size={0}>
                <span>{a.enterpriseName ?? '—'}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.uscc}
                </Typography.Text>
              </Space>
            ),
          },
        ]),
    { title: t('entAccounts.username'), dataIndex: 'username' },
    { title: t('entAccounts.displayName'), dataIndex: 'displayName' },
    { title: t('entAccounts.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—', responsive: ['md'] },
    {
      title: t('entAccounts.active'),
      key: 'active',
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={a.active ? 'green' : 'default'}>{t(a.active ? 'entAccounts.enabled' : 'entAccounts.disabled')}</Tag>
          {a.active && a.mustChangePassword && <Tag color="orange">{t('entAccounts.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('entAccounts.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v), responsive: ['lg'] },
    { title: t('entAccounts.createdBy'), dataIndex: 'createdByName', responsive: ['xl'] },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, a: EnterpriseAccount) => (
              <Space size={0} wrap>
                {a.active ? (
                  <Popconfirm title={t('entAccounts.confirmDisable')} onConfirm={() => act(() => accountsApi.setActive(a, false))}>
                    <Button type="link" size="small" danger>
                      {t('entAccounts.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => void act(() => accountsApi.setActive(a, true))}>
                    {t('entAccounts.enable')}
                  </Button>
                )}
                {a.active && (
                  <Popconfirm
                    title={t('entAccounts.confirmReset')}
                    onConfirm={() => act(async () => setShown({ username: a.username, password: (await accountsApi.resetPassword(a)).initialPassword }))}
                  >
                    <Button type="link" size="small">
                      {t('entAccounts.resetPassword')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="enterprise-accounts">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {fixedUscc ? (
          <span />
        ) : (
          <Input.Search
            aria-label={t('entAccounts.filterUscc')}
            placeholder={t('entAccounts.filterUscc')}
            allowClear
            maxLength={24}
            style={{ width: 280, maxWidth: '100%' }}
            onSearch={(v) => {
              setPage(1);
              setUscc(v.replace(/\s/g, '').toUpperCase());
            }}
          />
        )}
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('entAccounts.create')}
          </Button>
        )}
      </Space>
      <Table<EnterpriseAccount>
        rowKey="userId"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('entAccounts.none') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }) }}
      />
      <FormModal<CreateAccountInput>
        open={creating}
        title={t('entAccounts.createTitle')}
        initialValues={fixedUscc ? { uscc: fixedUscc } : {}}
        fieldErrorOf={namedFieldError(CREATE_FIELDS)}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const made = await accountsApi.create({ ...v, uscc: v.uscc.replace(/\s/g, '').toUpperCase(), phone: v.phone?.trim() || null });
          void message.success(t('common.created'));
          setShown({ username: made.user.username, password: made.initialPassword });
          reload();
        }}
      >
        <Form.Item name="uscc" label={t('entAccounts.uscc')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('entAccounts.uscc') }) }]}>
          <Input maxLength={24} disabled={!!fixedUscc} />
        </Form.Item>
        <Form.Item name="username" label={t('entAccounts.username')} extra={t('entApply.usernameHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('entAccounts.username') }) }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('entAccounts.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('entAccounts.displayName') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('entAccounts.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </FormModal>
      <PasswordOnceModal shown={shown} onClose={() => setShown(null)} />
    </Space>
  );
}
