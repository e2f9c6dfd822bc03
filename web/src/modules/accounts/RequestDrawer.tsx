import { Alert, App, Button, Descriptions, Drawer, Form, Grid, Input, Space, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { DetailPending } from '../../app/components/DetailHeader';
import { useNotifyError } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { accountsApi, type AccountRequest } from './accounts.api';
import type { ShownPassword } from './PasswordOnceModal';

export const REQUEST_COLORS = { pending: 'gold', approved: 'green', refused: 'red' } as const;

interface DecisionValues {
  note?: string;
  username?: string;
}

/**
 * One application: the applicant masked (查看完整信息 reveals them, audited), and for a pending
 * one the decision: approve (the initial password is shown once; another username when the one
 * wanted is taken) or refuse with a required note.
 */
export function RequestDrawer({ id, onClose, onDecided }: { id: string | null; onClose: () => void; onDecided: (password: ShownPassword | null) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const screens = Grid.useBreakpoint();
  const [revealed, setRevealed] = useState<{ id: string; applicantName: string; phone: string } | null>(null);
  const [deciding, setDeciding] = useState<'approve' | 'refuse' | null>(null);
  const { data, loading, error, reload } = useAsync(() => (id ? accountsApi.request(id) : Promise.resolve(undefined)), id ?? '');
  const request = data && data.id === id ? data : undefined;
  const shownApplicant = revealed && revealed.id === id ? revealed : null;

  const reveal = (r: AccountRequest) =>
    accountsApi.reveal(r.id).then((answer) => setRevealed({ id: r.id, ...answer }), notifyError);

  return (
    <Drawer open={!!id} onClose={onClose} title={t('entAccounts.detail')} width={screens.md === false ? '100%' : 520} destroyOnHidden>
      {!request ? (
        <DetailPending error={error} loading={loading} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="request-detail">
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'no', label: t('entAccounts.requestNo'), children: <Typography.Text code>{request.requestNo}</Typography.Text> },
              { key: 'status', label: t('common.status'), children: <Tag color={REQUEST_COLORS[request.status]}>{t(`entAccounts.statuses.${request.status}`)}</Tag> },
              { key: 'enterprise', label: t('entAccounts.enterprise'), children: request.enterpriseName },
              { key: 'uscc', label: t('entAccounts.uscc'), children: request.uscc },
              { key: 'applicant', label: t('entAccounts.applicant'), children: <span data-testid="applicant-name">{shownApplicant?.applicantName ?? request.applicantName}</span> },
              { key: 'phone', label: t('entAccounts.phone'), children: <span data-testid="applicant-phone">{shownApplicant?.phone ?? request.phone}</span> },
              { key: 'username', label: t('entAccounts.wantedUsername'), children: request.username },
              { key: 'at', label: t('entAccounts.appliedAt'), children: formatDateTime(request.createdAt) },
              ...(request.status !== 'pending'
                ? [
                    { key: 'decidedAt', label: t('entAccounts.decidedAt'), children: formatDateTime(request.decidedAt) },
                    { key: 'decidedBy', label: t('entAccounts.decidedBy'), children: request.decidedByName ?? '—' },
                    { key: 'note', label: t('entAccounts.note'), children: request.note ?? '—' },
                  ]
                : []),
            ]}
          />
          {can('enterprise_account.write') && !shownApplicant && (
            <Space direction="vertical" size={4}>
              <Button icon={<EyeOutlined />} onClick={() => void reveal(request)}>
                {t('entAccounts.reveal')}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('entAccounts.revealHint')}
              </Typography.Text>
            </Space>
          )}
          {can('enterprise_account.write') && request.status === 'pending' && (
            <Space wrap>
              <Button type="primary" onClick={() => setDeciding('approve')}>
                {t('entAccounts.approve')}
              </Button>
              <Button danger onClick={() => setDeciding('refuse')}>
                {t('entAccounts.refuse')}
              </Button>
            </Space>
          )}
          {request.status !== 'pending' && <Alert type="info" showIcon message={t('entAccounts.decided')} />}
          <FormModal<DecisionValues>
            open={deciding !== null}
            title={t(deciding === 'refuse' ? 'entAccounts.refuseTitle' : 'entAccounts.approveTitle')}
            okText={t(deciding === 'refuse' ? 'entAccounts.refuse' : 'entAccounts.approve')}
            fieldErrorOf={namedFieldError(['note', 'username'] as const)}
            onClose={() => setDeciding(null)}
            onStale={reload}
            onSubmit={async (v) => {
              const approve = deciding === 'approve';
              const decided = await accountsApi.decide(request, { approve, note: v.note?.trim() || null, username: approve ? v.username?.trim() || null : null });
              void message.success(t('entAccounts.decided'));
              reload();
              onDecided(decided.initialPassword ? { username: v.username?.trim() || request.username, password: decided.initialPassword } : null);
            }}
          >
            {deciding === 'approve' && (
              <Form.Item name="username" label={t('entAccounts.otherUsername')} extra={t('entAccounts.otherUsernameHint')}>
                <Input maxLength={32} placeholder={request.username} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item
              name="note"
              label={t(deciding === 'refuse' ? 'entAccounts.refuseNote' : 'entAccounts.approveNote')}
              rules={deciding === 'refuse' ? [{ required: true, whitespace: true, message: t('common.required', { field: t('entAccounts.refuseNote') }) }] : []}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </FormModal>
        </Space>
      )}
    </Drawer>
  );
}
