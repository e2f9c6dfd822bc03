import { App, Button, Form, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { NoticeFormModal } from './NoticeFormModal';
import { noticesApi, type Notice } from './portal.api';
import './portal.staff.i18n';

type ReasonStep = 'return' | 'withdraw';

/**
 * The steps the user may take on a notice now, each with its version (If-Match): edit and submit a
 * draft (portal.write); approve or return a pending one, withdraw a published one (portal.approve).
 */
export function NoticeActions({ notice, onNotice, onStale }: { notice: Notice; onNotice: (n: Notice) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { required } = useRequiredRules();
  const [editing, setEditing] = useState(false);
  const [reasonFor, setReasonFor] = useState<ReasonStep | null>(null);
  const label = (key: string) => t(`portal.admin.${key}`);
  const run = async (change: () => Promise<Notice>, done: string) => {
    try {
      onNotice(await change());
      void message.success(done);
    } catch (err) {
      if (isStale(err)) {
        void message.warning(t('errors.staleReloaded'));
        onStale();
      } else notifyError(err);
    }
  };
  const approver = can('portal.approve');
  const buttons = [];
  if (notice.status === 'draft' && can('portal.write')) {
    buttons.push(
      <Button key="edit" onClick={() => setEditing(true)} data-testid="notice-edit">
        {label('edit')}
      </Button>,
      <Popconfirm key="submit" title={label('submitConfirm')} okText={label('submit')} cancelText={t('common.cancel')} onConfirm={() => run(() => noticesApi.submit(notice), label('submitted'))}>
        <Button type="primary" data-testid="notice-submit">
          {label('submit')}
        </Button>
      </Popconfirm>,
    );
  }
  if (notice.status === 'pending' && approver) {
    buttons.push(
      <Popconfirm key="approve" title={label('approveConfirm')} okText={label('approve')} cancelText={t('common.cancel')} onConfirm={() => run(() => noticesApi.approve(notice), label('approved'))}>
        <Button type="primary" data-testid="notice-approve">
          {label('approve')}
        </Button>
      </Popconfirm>,
      <Button key="return" onClick={() => setReasonFor('return')} data-testid="notice-return">
        {label('return')}
      </Button>,
    );
  }
  if (notice.status === 'published' && approver) {
    buttons.push(
      <Button key="withdraw" danger onClick={() => setReasonFor('withdraw')} data-testid="notice-withdraw">
        {label('withdraw')}
      </Button>,
    );
  }
  return (
    <>
      {buttons.length > 0 && <Space wrap>{buttons}</Space>}
      <NoticeFormModal
        open={editing}
        initial={{ kind: notice.kind, title: notice.title, summary: notice.summary, body: notice.body }}
        onClose={() => setEditing(false)}
        onStale={onStale}
        onSubmit={async (v) => onNotice(await noticesApi.update(notice, v))}
      />
      <FormModal<{ reason: string }>
        open={reasonFor !== null}
        title={reasonFor ? label(reasonFor) : ''}
        okText={reasonFor ? label(reasonFor) : undefined}
        onClose={() => setReasonFor(null)}
        onStale={onStale}
        onSubmit={async ({ reason }) => {
          const change = reasonFor === 'return' ? noticesApi.returnToDraft : noticesApi.withdraw;
          onNotice(await change(notice, reason.trim()));
          void message.success(label(reasonFor === 'return' ? 'returned' : 'withdrawn'));
        }}
      >
        <Form.Item name="reason" label={label('reason')} rules={required(label('reason'))}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
