import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a newly created API key once, with a copy button. */
export function CreatedKeyModal({ apiKey, onClose }: { apiKey: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!apiKey}
      title={t('apiKeys.createdTitle')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('apiKeys.createdHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: apiKey ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        data-testid="created-api-key"
        style={{ wordBreak: 'break-all', fontSize: 15 }}
      >
        {apiKey}
      </Typography.Paragraph>
    </Modal>
  );
}
