import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ShownPassword {
  username: string;
  password: string;
}

/** An initial password, shown this once with a copy button and a warning. */
export function PasswordOnceModal({ shown, onClose }: { shown: ShownPassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!shown}
      title={t('entAccounts.passwordTitle')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('entAccounts.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('entAccounts.passwordWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t('entAccounts.passwordFor', { username: shown?.username ?? '' })}</Typography.Paragraph>
      <Typography.Paragraph
        code
        copyable={{ text: shown?.password ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        data-testid="initial-password"
        style={{ wordBreak: 'break-all', fontSize: 18 }}
      >
        {shown?.password}
      </Typography.Paragraph>
    </Modal>
  );
}
