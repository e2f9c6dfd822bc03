import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { NOTICE_KINDS, type NoticeInput } from './portal.api';
import './portal.staff.i18n';

/** Lengths the server accepts (portal/notices/README.md). */
const TITLE_MAX = 100;
const SUMMARY_MAX = 300;
const BODY_MAX = 20_000;

/** 起草 / 修改 a portal notice: kind, title, summary, body (plain text, a blank line between paragraphs). */
export function NoticeFormModal({ open, initial, onSubmit, onClose, onStale }: { open: boolean; initial?: NoticeInput; onSubmit: (v: NoticeInput) => Promise<unknown>; onClose: () => void; onStale?: () => void }) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const label = (key: string) => t(`portal.admin.${key}`);
  return (
    <FormModal<NoticeInput>
      open={open}
      title={label(initial ? 'edit' : 'create')}
      initialValues={initial ?? { kind: 'notice' }}
      onSubmit={(v) => onSubmit({ ...v, title: v.title.trim(), summary: v.summary?.trim() || null })}
      onClose={onClose}
      onStale={onStale}
      width={720}
      okText={t('common.save')}
    >
      <Form.Item name="kind" label={t('portal.notices.kind')} rules={selectRequired(t('portal.notices.kind'))}>
        <Select options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`portal.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={label('titleField')} rules={required(label('titleField'))}>
        <Input maxLength={TITLE_MAX} showCount />
      </Form.Item>
      <Form.Item name="summary" label={label('summary')}>
        <Input.TextArea maxLength={SUMMARY_MAX} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="body" label={label('body')} extra={label('bodyHint')} rules={required(label('body'))}>
        <Input.TextArea maxLength={BODY_MAX} showCount autoSize={{ minRows: 8, maxRows: 20 }} />
      </Form.Item>
    </FormModal>
  );
}
