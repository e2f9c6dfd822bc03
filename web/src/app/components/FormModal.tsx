import { App, Form, Modal, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { useNotifyError } from '../errors';
import { useServerFieldError, type FieldError } from '../hooks/useServerFieldError';
import { ServerFieldError } from './ServerFieldError';

export interface FormModalProps<V extends object> {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<V>;
  /** Save the values; the modal closes when it resolves and shows the error when it rejects. */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  okText?: ReactNode;
  width?: number;
  /**
   * Which save errors are about one field (e.g. `namedFieldError(FIELDS)`): those are shown under
   * that field and the dialog stays open.
   */
  fieldErrorOf?: (err: unknown) => FieldError | null;
  /**
   * The record was changed by someone else since it was loaded (412): the dialog closes, says so,
   * and this reloads the record, so that the user edits the current version.
   */
  onStale?: () => void;
}

const noFieldError = () => null;

/** A modal holding a vertical form: the one pattern for every create/edit dialog. */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const fieldError = useServerFieldError(props.fieldErrorOf ?? noFieldError);
  const close = () => {
    fieldError.clear();
    props.onClose();
  };

  // The form instance outlives each opening: start every opening from this opening's values,
  // never from the record edited last time.
  const { open, initialValues } = props;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initialValues) form.setFieldsValue(initialValues as Parameters<typeof form.setFieldsValue>[0]);
    // Only when it opens: later renders must not overwrite what the user types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form]);

  const onFinish = async (values: V) => {
    setSaving(true);
    try {
      await fieldError.guard(() => props.onSubmit(values));
      close();
    } catch (err) {
      if (isStale(err) && props.onStale) {
        void message.warning(t('errors.staleReloaded'));
        close();
        props.onStale();
      } else notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      width={props.width ?? 560}
      okText={props.okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<V>
        form={form}
        name="dialog"
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(v) => void onFinish(v)}
        preserve={false}
        style={{ marginTop: 16 }}
      >
        <ServerFieldError error={fieldError.error} />
        {typeof props.children === 'function' ? props.children(form) : props.children}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
