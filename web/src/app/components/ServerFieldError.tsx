import { Form } from 'antd';
import { useEffect } from 'react';

/**
 * Put inside a form: shows a server error under the field it concerns. Editing the field
 * validates it again, which replaces the message. Any dialog can use it with its own field names.
 */
export function ServerFieldError({ error }: { error: { field: string; message: string } | null }) {
  const form = Form.useFormInstance();
  useEffect(() => {
    if (error) form.setFields([{ name: error.field, errors: [error.message] }]);
  }, [error, form]);
  return null;
}
