import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { drawsApi } from '../inspections.api';
import '../draws.pages.i18n';

const FIELDS = ['reason'] as const;

interface Props {
  /** The committed draw to cancel; null: closed. */
  drawId: string | null;
  onClose: () => void;
  onCancelled: () => void;
}

/** Cancels a committed draw with a reason (it stays in the record). */
export function CancelDrawModal({ drawId, onClose, onCancelled }: Props) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  const label = (key: string) => t(`draws.ceremony.${key}`);
  return (
    <FormModal<{ reason: string }>
      open={!!drawId}
      title={label('cancel')}
      okText={label('cancel')}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => {
        await drawsApi.cancel(drawId!, v.reason.trim());
        onCancelled();
      }}
      onClose={onClose}
    >
      <Alert type="warning" showIcon message={label('cancelHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="reason" label={label('cancelReason')} rules={required(label('cancelReason'))}>
        <Input.TextArea maxLength={500} rows={3} />
      </Form.Item>
    </FormModal>
  );
}
