import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, InfoCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { PasswordRules, passwordRule, usePasswordPolicy } from '../../app/components/PasswordRules';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { CmaValidity, LocalTag, yuan } from './labels';
import { lotsApi, type Account, type AccountInput, type Institution } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** The institution's qualification, capacity, price and contact; an edit button when given. */
export function InstitutionFacts({ institution: i, onEdit }: { institution: Institution; onEdit?: () => void }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  return (
    <Card
      title={label('institution')}
      data-testid="institution-facts"
      extra={
        onEdit && (
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="institution-edit">
            {t('common.edit')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        items={[
          { key: 'local', label: label('locality'), children: <LocalTag local={i.local} /> },
          { key: 'uscc', label: label('uscc'), children: i.uscc ? <span style={{ fontFamily: 'monospace' }}>{i.uscc}</span> : t('common.none') },
          { key: 'cmaNo', label: label('cmaNo'), children: i.cmaNo },
          { key: 'valid', label: label('cmaValidUntil'), children: <CmaValidity until={i.cmaValidUntil} /> },
          { key: 'capacity', label: label('capacityPerQuarter'), children: i.capacity },
          { key: 'price', label: label('usualPrice'), children: yuan(i.price) },
          { key: 'contact', label: label('contact'), children: i.contact ?? t('common.none') },
          { key: 'active', label: label('status'), children: i.active ? <Tag color="green">{label('active')}</Tag> : <Tag>{label('inactive')}</Tag> },
          {
            key: 'scope',
            label: label('cmaScope'),
            span: 'filled',
            children: i.cmaScope.length ? (
              <Space size={[4, 4]} wrap data-testid="institution-scope">
                {i.cmaScope.map((c) => (
                  <Tag key={c} style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}>
                    {c}
                  </Tag>
                ))}
              </Space>
            ) : (
              t('common.none')
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The record the score counts: on-time rate and objections upheld (computed by the server). */
export function RecordCard({ institution: i }: { institution: Institution }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const r = i.record;
  const rate = r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10;
  return (
    <Card
      title={
        <Space size={6}>
          {label('record')}
          <Tooltip title={label('recordHint')}>
            <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={label('recordHint')} />
          </Tooltip>
        </Space>
      }
      data-testid="institution-record"
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={label('onTimeRate')} value={rate ?? label('noRecord')} suffix={rate === null ? undefined : '%'} valueStyle={rate !== null && rate < 80 ? { color: '#cf1322' } : undefined} />
          {rate !== null && <Typography.Text type="secondary">{t('spotcheckLots.onTimeOf', { onTime: r.onTime, samples: r.samples })}</Typography.Text>}
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('tested')} value={r.tested} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('objectionsUpheld')} value={r.objectionsUpheld} valueStyle={r.objectionsUpheld ? { color: '#cf1322' } : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('objectionsUpheldRecent')} value={r.objectionsUpheldRecent} />
        </Col>
      </Row>
    </Card>
  );
}

/** The institution's accounts (spotcheck.configure): list and a new one with an initial password. */
export function AccountsCard({ institution }: { institution: Institution }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { required } = useRequiredRules();
  const policy = usePasswordPolicy();
  const [creating, setCreating] = useState(false);
  const accounts = useAsync(() => lotsApi.accounts(institution.id), institution.id);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const columns: TableColumnsType<Account> = [
    { title: label('username'), dataIndex: 'username', className: 'zj-nowrap', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: label('displayName'), dataIndex: 'displayName' },
    {
      title: label('status'),
      key: 'status',
      className: 'zj-nowrap',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          {a.active ? <Tag color="green">{label('active')}</Tag> : <Tag>{label('inactive')}</Tag>}
          {a.mustChangePassword && <Tag color="orange">{label('mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: label('lastLogin'), dataIndex: 'lastLoginAt', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => formatDateTime(v) },
    { title: label('createdAt'), dataIndex: 'createdAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Card
      title={label('accounts')}
      data-testid="institution-accounts"
      extra={
        <Button icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
          {label('createAccount')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{label('accountsHint')}</Typography.Paragraph>
      <Table<Account>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={accounts.data?.items ?? []}
        loading={accounts.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noAccounts')} /> }}
      />
      <FormModal<AccountInput>
        open={creating}
        title={`${label('createAccount')} · ${institution.name}`}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await lotsApi.createAccount(institution.id, { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password });
          void message.success(label('accountCreated'));
          accounts.reload();
        }}
      >
        <Form.Item name="username" label={label('username')} rules={required(label('username'))}>
          <Input maxLength={32} autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={label('displayName')} rules={required(label('displayName'))}>
          <Input maxLength={50} data-testid="account-name" />
        </Form.Item>
        <Form.Item name="password" label={label('initialPassword')} rules={[...required(label('initialPassword')), passwordRule(policy, t)]}>
          <Input.Password maxLength={policy.maxLength} autoComplete="new-password" data-testid="account-password" />
        </Form.Item>
        <PasswordRules field="password" />
      </FormModal>
    </Card>
  );
}
