import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { labelled, withNote } from '../../../app/i18n/punctuation';
import { CodeInput } from '../../../app/components/CodeInput';
import { FormModal } from '../../../app/components/FormModal';
import { useAsync } from '../../../app/hooks/useAsync';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { itemsApi } from '../inspections.api';
import { useDrawLabels } from '../labels';
import { tasksApi, type CreateTaskInput, type EligibleInspector, type Task } from './tasks.api';
import { todayInChina } from '../../../app/format';
import './tasks.pages.i18n';

type CreateTaskValues = Omit<CreateTaskInput, 'dueOn'> & { dueOn?: Dayjs };

const FIELDS = ['itemId', 'uscc', 'origin', 'originNote', 'inspectorIds', 'dueOn'] as const satisfies readonly (keyof CreateTaskValues)[];
const MIN_INSPECTORS = 2;

const toInput = (v: CreateTaskValues): CreateTaskInput => ({
  itemId: v.itemId,
  uscc: v.uscc.replace(/\s/g, '').toUpperCase(),
  origin: v.origin,
  originNote: v.originNote.trim(),
  inspectorIds: v.inspectorIds,
  dueOn: v.dueOn?.format('YYYY-MM-DD') ?? null,
});

const USCC_LENGTH = 18;

/** The active items, as select options (loaded when the dialog opens). */
function useItems(open: boolean) {
  const { data, loading } = useAsync(() => (open ? itemsApi.list({ active: true, pageSize: 500 }) : Promise.resolve(undefined)), String(open));
  return { loading, options: (data?.items ?? []).map((i) => ({ value: i.id, label: i.name })) };
}

/**
 * The inspectors the server offers for this item and enterprise: the eligible ones, then the
 * excluded ones disabled with their rule (empty until both are filled in).
 */
function useInspectorOptions(itemId: string | undefined, rawUscc: string | undefined) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const uscc = rawUscc?.replace(/\s/g, '').toUpperCase() ?? '';
  const ready = Boolean(itemId) && uscc.length === USCC_LENGTH;
  const { data, loading } = useAsync(() => (ready ? tasksApi.eligibleInspectors(itemId!, uscc).catch(() => undefined) : Promise.resolve(undefined)), `${itemId}|${uscc}`);
  return {
    loading,
    options: (data?.items ?? []).map((i: EligibleInspector & { certificateNo?: string | null }) => {
      // by name and certificate number (issue 13), and why one may not be chosen
      const person = i.certificateNo ? withNote(t, i.name, i.certificateNo) : i.name;
      return { value: i.userId, label: i.rule ? labelled(t, person, labels.rule(i.rule)) : person, disabled: i.rule !== null };
    }),
  };
}

function InspectorSelect({ itemId, uscc, ...props }: { itemId?: string; uscc?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const inspectors = useInspectorOptions(itemId, uscc);
  return <Select mode="multiple" showSearch optionFilterProp="label" options={inspectors.options} loading={inspectors.loading} maxCount={10} {...props} />;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (task: Task) => void;
}

/** 新建检查任务: a check without a draw, after a complaint or as a targeted check, with inspectors chosen by hand. */
export function CreateTaskModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { required, selectRequired } = useRequiredRules();
  const items = useItems(open);
  const label = (key: string) => t(`inspectionTasks.${key}`);
  const atLeastTwo = {
    validator: (_: unknown, ids: string[] | undefined) =>
      !ids || ids.length >= MIN_INSPECTORS ? Promise.resolve() : Promise.reject(new Error(t('inspectionTasks.inspectorsTooFew', { count: MIN_INSPECTORS }))),
  };

  return (
    <FormModal<CreateTaskValues>
      open={open}
      width={640}
      title={label('create')}
      initialValues={{ origin: 'complaint' }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onCreated(await tasksApi.create(toInput(v)))}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Form.Item name="origin" label={label('originLabel')} rules={selectRequired(label('originLabel'))}>
            <Radio.Group optionType="button" options={(['complaint', 'targeted'] as const).map((o) => ({ value: o, label: t(`inspectionTasks.origin.${o}`) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['origin']}>
            {() => (
              <Form.Item name="originNote" label={label('originNote')} extra={label(form.getFieldValue('origin') === 'targeted' ? 'originNoteTargeted' : 'originNoteComplaint')} rules={required(label('originNote'))}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="itemId" label={label('item')} rules={selectRequired(label('item'))}>
            <Select showSearch optionFilterProp="label" options={items.options} loading={items.loading} />
          </Form.Item>
          <Form.Item name="uscc" label={t('enterprises.uscc')} rules={required(t('enterprises.uscc'))}>
            <CodeInput maxLength={24} />
          </Form.Item>
          <Form.Item noStyle dependencies={['itemId', 'uscc']}>
            {() => (
              <Form.Item name="inspectorIds" label={label('inspectors')} extra={label('inspectorsHint')} rules={[...selectRequired(label('inspectors')), atLeastTwo]}>
                <InspectorSelect itemId={form.getFieldValue('itemId')} uscc={form.getFieldValue('uscc')} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="dueOn" label={label('dueOn')} extra={label('dueOnHint')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(todayInChina(), 'day')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
