import { Button, Form, Input, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Contact fields and the i18n keys of their labels. */
const CONTACT_LABEL = {
  name: 'contactName',
  phone: 'contactPhone',
  email: 'contactEmail',
  role: 'contactRole',
} as const;
const FIELDS = Object.keys(CONTACT_LABEL) as (keyof typeof CONTACT_LABEL)[];
/** The server's length limits. */
const MAX_LENGTH = { name: 50, phone: 40, email: 100, role: 40 } as const;

/** The contacts of an enterprise: one line per contact (name required), add / remove. */
export function ContactsField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('enterprises.contacts')}>
      <Form.List name="contacts">
        {(items, { add, remove }) => (
          <>
            {items.map(({ key, name }) => (
              <Space key={key} align="baseline" style={{ display: 'flex', marginBottom: 4 }} data-testid="contact-row">
                {FIELDS.map((field) => (
                  <Form.Item
                    key={field}
                    name={[name, field]}
                    style={{ marginBottom: 8 }}
                    rules={
                      field === 'name'
                        ? [{ required: true, message: t('common.required', { field: t('enterprises.contactName') }) }]
                        : field === 'email'
                          ? [{ type: 'email', message: t('enterprises.emailInvalid') }]
                          : []
                    }
                  >
                    <Input
                      placeholder={t(`enterprises.${CONTACT_LABEL[field]}`)}
                      aria-label={t(`enterprises.${CONTACT_LABEL[field]}`)}
                      maxLength={MAX_LENGTH[field]}
                    />
                  </Form.Item>
                ))}
                <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(name)} />
              </Space>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
              {t('enterprises.addContact')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
