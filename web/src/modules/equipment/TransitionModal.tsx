import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isStale } from '../../api/client';
import { errorText } from '../../app/errorText';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { equipmentApi, type EquipmentStatus, type Unit } from './equipment.api';

/** The status measures: 停用, 恢复, 报废, 注销 — each a target status. */
export const ACTIONS = { suspend: 'suspended', resume: 'in_use', scrap: 'scrapped', deregister: 'deregistered' } as const satisfies Record<string, EquipmentStatus>;
export type Action = keyof typeof ACTIONS;

/**
 * The measures offered from each status (the server decides: a refused one answers 409
 * INVALID_TRANSITION, shown in the dialog).
 */
export const ACTIONS_FROM: Record<EquipmentStatus, Action[]> = {
  in_use: ['suspend', 'scrap'],
  suspended: ['resume', 'scrap', 'deregister'],
  scrapped: ['deregister'],
  deregistered: [],
};

interface Props {
  unit: Unit;
  /** The measure to take; null when the dialog is closed. */
  action: Action | null;
  onClose: () => void;
  onDone: (saved: Unit) => void;
  /** The unit changed since it was loaded (412): reload it. */
  onStale: () => void;
}

/** Changes a unit's status with a reason; a refusal (409) or a stale version (412) is said in the dialog. */
export function TransitionModal({ unit, action, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
  }, [action, form]);

  if (!action) return null;
  const to = ACTIONS[action];

  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    setError(null);
    try {
      onDone(await equipmentApi.transition(unit.id, to, reason.trim(), unit.version));
    } catch (err) {
      setError(err);
      if (isStale(err)) onStale();
    } finally {
      setSaving(false);
    }
  };

  const refused = error instanceof ApiError && error.status === 409;
  return (
    <Modal
      open
      title={t('equipment.transitionTitle', { action: t(`equipment.actions.${action}`), code: unit.equipmentCode })}
      okText={t(`equipment.actions.${action}`)}
      okButtonProps={{ danger: action === 'scrap' || action === 'deregister' }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('equipment.transitionHint', { from: t(`equipment.statuses.${unit.status}`), to: t(`equipment.statuses.${to}`) })}
      </Typography.Paragraph>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="transition-error"
          style={{ marginBottom: 16 }}
          message={refused ? t('equipment.transitionRefused') : isStale(error) ? t('equipment.stale') : errorText(error, t)}
          description={refused ? errorText(error, t) : undefined}
        />
      )}
      <Form form={form} layout="vertical" name="transition" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('equipment.reason')} rules={required(t('equipment.reason'))}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
