import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { useRequiredRules } from '../../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../../app/hooks/useServerFieldError';
import { useActiveUserOptions } from '../../users';
import { leadsApi, type Lead } from './leads.api';
import './leads.pages.i18n';

const FIELDS = ['assigneeId'] as const;

interface Props {
  /** The lead to assign; null when the dialog is closed. */
  lead: Lead | null;
  onClose: () => void;
  onDone: (lead: Lead) => void;
  /** Someone else changed the lead since it was loaded: reload it (see FormModal). */
  onStale?: () => void;
}

/** Assigns (or reassigns) a lead to an officer. */
export function AssignLeadModal({ lead, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const assignees = useActiveUserOptions();

  return (
    <FormModal<{ assigneeId: string }>
      open={!!lead}
      title={lead?.assigneeId ? t('leads.reassign') : t('leads.assign')}
      okText={t('common.ok')}
      initialValues={{ assigneeId: lead?.assigneeId ?? undefined }}
      fieldErrorOf={namedFieldError(FIELDS)}
      onSubmit={async (v) => onDone(await leadsApi.assign(lead!.id, v.assigneeId, lead!.version))}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item name="assigneeId" label={t('leads.assignee')} rules={selectRequired(t('leads.assignee'))}>
        <Select showSearch optionFilterProp="label" options={assignees.options} loading={assignees.loading} />
      </Form.Item>
    </FormModal>
  );
}
