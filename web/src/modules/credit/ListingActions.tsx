import { App, Button, Form, Input, Radio, Space } from 'antd';
import { CheckOutlined, DownloadOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { creditApi, type Listing } from './credit.api';
import { downloadFile } from './download';
import './credit.pages.i18n';

interface Props {
  listing: Listing;
  /** After a step (or a 412): load the listing again. */
  reload: () => void;
}

/** The steps a user may take on a listing: send the notice, download it, decide, revoke. */
export function ListingActions({ listing: l, reload }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const [dialog, setDialog] = useState<'decide' | 'revoke' | null>(null);
  const onError = (err: unknown) => {
    if (isStale(err)) {
      void message.warning(t('errors.staleReloaded'));
      reload();
    } else notifyError(err);
  };
  const sendNotice = () =>
    modal.confirm({
      title: t('credit.sendNoticeConfirm'),
      content: t('credit.sendNoticeHint'),
      okText: t('credit.sendNotice'),
      onOk: () =>
        creditApi.sendNotice(l).then(() => {
          void message.success(t('credit.noticeSent'));
          reload();
        }, onError),
    });
  const open = l.status === 'proposed' || l.status === 'noticed' || l.status === 'listed';
  return (
    <Space wrap>
      {l.status === 'proposed' && can('credit.list') && (
        <Button type="primary" icon={<SendOutlined />} onClick={sendNotice} data-testid="listing-send-notice">
          {t('credit.sendNotice')}
        </Button>
      )}
      {l.noticeSentOn && (
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(creditApi.noticeUrl(l.id), `${l.listingNo}.docx`).catch(notifyError)} data-testid="listing-notice-docx">
          {t('credit.noticeDocx')}
        </Button>
      )}
      {l.status === 'noticed' && can('credit.decide') && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('decide')} data-testid="listing-decide">
          {t('credit.decide')}
        </Button>
      )}
      {open && can('credit.decide') && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('revoke')}>
          {t('credit.revoke')}
        </Button>
      )}
      <FormModal<{ list: boolean; note: string }>
        open={dialog === 'decide'}
        title={t('credit.decideTitle')}
        initialValues={{ list: true }}
        onClose={() => setDialog(null)}
        onStale={reload}
        onSubmit={async (v) => {
          await creditApi.decide(l, v.list, v.note.trim());
          reload();
        }}
      >
        <Form.Item name="list" label={t('credit.decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: true, label: t('credit.decideList') },
              { value: false, label: t('credit.decideNotList') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('credit.decisionNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credit.decisionNote') }) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        open={dialog === 'revoke'}
        title={t('credit.revokeTitle')}
        okText={t('credit.revoke')}
        onClose={() => setDialog(null)}
        onStale={reload}
        onSubmit={async (v) => {
          await creditApi.revoke(l, v.reason.trim());
          reload();
        }}
      >
        <Form.Item name="reason" label={t('credit.revokeReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credit.revokeReason') }) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
