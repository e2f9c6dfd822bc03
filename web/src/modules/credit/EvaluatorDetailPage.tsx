import { App, Button, Card, Descriptions, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { FormModal } from '../../app/components/FormModal';
import { PasswordRules, passwordRule, usePasswordPolicy } from '../../app/components/PasswordRules';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { creditApi, evaluatorsPath, type AccountInput, type Evaluator, type EvaluatorAccount, type Rating } from './credit.api';
import { EvaluatorFormModal } from './EvaluatorFormModal';
import { QualifiedTag } from './EvaluatorListPage';
import { EnterpriseLink, RatingStateTag } from './labels';
import { PagedTable } from './PagedTable';
import './credit.pages.i18n';

/** The evaluator's accounts (role 信用评价机构): the list and a new one with an initial password, changed at first sign-in. */
function AccountsCard({ evaluator: e }: { evaluator: Evaluator }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { required } = useRequiredRules();
  const policy = usePasswordPolicy();
  const [creating, setCreating] = useState(false);
  const accounts = useAsync(() => creditApi.accounts(e.id), e.id);
  const columns: TableColumnsType<EvaluatorAccount> = [
    { title: t('credit.username'), dataIndex: 'username', className: 'zj-nowrap', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t('credit.displayName'), dataIndex: 'displayName' },
    {
      title: t('common.status'),
      key: 'status',
      className: 'zj-nowrap',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          {a.active ? <Tag color="green">{t('credit.accountActive')}</Tag> : <Tag>{t('credit.inactive')}</Tag>}
          {a.mustChangePassword && <Tag color="orange">{t('credit.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('credit.lastLogin'), dataIndex: 'lastLoginAt', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => formatDateTime(v) },
  ];
  return (
    <Card
      title={t('credit.accounts')}
      size="small"
      extra={
        <Button icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="evaluator-account-create">
          {t('credit.createAccount')}
        </Button>
      }
    >
      <Table<EvaluatorAccount> size="small" rowKey="id" columns={columns} dataSource={accounts.data?.items ?? []} loading={accounts.loading} pagination={false} scroll={{ x: 'max-content' }} />
      <FormModal<AccountInput>
        open={creating}
        title={`${t('credit.createAccount')} · ${e.name}`}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await creditApi.createAccount(e.id, { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password });
          void message.success(t('credit.accountCreated'));
          accounts.reload();
        }}
      >
        <Form.Item name="username" label={t('credit.username')} rules={required(t('credit.username'))}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('credit.displayName')} rules={required(t('credit.displayName'))}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="password" label={t('credit.initialPassword')} rules={[...required(t('credit.initialPassword')), passwordRule(policy, t)]}>
          <Input.Password maxLength={policy.maxLength} autoComplete="new-password" />
        </Form.Item>
        <PasswordRules field="password" />
      </FormModal>
    </Card>
  );
}

/** A third-party evaluator: its facts, accounts and the ratings it entered (credit.configure). */
export function EvaluatorDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const found = useAsync(() => creditApi.evaluator(id), id);
  if (!found.data) return <DetailPending error={found.error} loading={found.loading} />;
  const e = found.data;
  const columns: TableColumnsType<Rating> = [
    { title: t('credit.enterprise'), dataIndex: 'enterpriseName', render: (v: string, r) => <EnterpriseLink uscc={r.uscc} name={v} /> },
    { title: t('credit.grade'), dataIndex: 'grade', render: (v: string) => <Tag color="blue">{v}</Tag> },
    { title: t('credit.ratedOn'), dataIndex: 'ratedOn', className: 'zj-nowrap' },
    { title: t('credit.validUntil'), dataIndex: 'validUntil', className: 'zj-nowrap' },
    { title: t('credit.reportNo'), dataIndex: 'reportNo', className: 'zj-nowrap' },
    { title: t('common.status'), dataIndex: 'state', render: (v: Rating['state']) => <RatingStateTag state={v} /> },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader testId="evaluator-header" back={{ path: evaluatorsPath, label: t('credit.backToEvaluators') }} title={e.name} tags={<QualifiedTag evaluator={e} />} subtitle={e.uscc} />
      <Card
        size="small"
        title={t('credit.evaluatorFacts')}
        extra={
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('credit.accreditation')}>{e.accreditation ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('credit.accreditationValidUntil')}>{e.validUntil ?? t('common.none')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <AccountsCard evaluator={e} />
      <Card size="small" title={t('credit.ratingsTitle')}>
        <PagedTable testId="evaluator-ratings" rowKey="id" columns={columns} fetch={(q) => creditApi.ratings({ ...q, evaluatorId: e.id })} />
      </Card>
      <EvaluatorFormModal open={editing} evaluator={e} onClose={() => setEditing(false)} onSaved={found.reload} onStale={found.reload} />
    </Space>
  );
}
