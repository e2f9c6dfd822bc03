import { Form } from 'antd';
import { useEffect } from 'react';
import type { FieldError } from './enterpriseForm';

/**
 * Put inside a form: shows a server error under the field it concerns. Editing the field
 * validates it again, which replaces the message.
 */
export function ServerFieldError({ error }: { error: FieldError | null }) {
  const form = Form.useFormInstance();
  useEffect(() => {
    if (error) form.setFields([{ name: error.field, errors: [error.message] }]);
  }, [error, form]);
  return null;
}
