import { Checkbox, Collapse, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Collapsed section of the create dialog for early pilot codes that fail the check digit:
 * a checkbox and the reason, sent as `usccOverride: { reason }`. Render it only for
 * users with `enterprise.uscc_override`.
 */
export function UsccOverrideField() {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'override',
          label: t('enterprises.usccOverride'),
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('enterprises.usccOverrideHint')}
              </Typography.Paragraph>
              <Form.Item name="override" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>{t('enterprises.usccOverrideCheck')}</Checkbox>
              </Form.Item>
              <Form.Item
                name="overrideReason"
                label={t('enterprises.usccOverrideReason')}
                dependencies={['override']}
                rules={[
                  ({ getFieldValue }) => ({
                    required: !!getFieldValue('override'),
                    message: t('common.required', { field: t('enterprises.usccOverrideReason') }),
                  }),
                ]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          ),
        },
      ]}
    />
  );
}
