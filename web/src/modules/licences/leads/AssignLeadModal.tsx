import { Form, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/FormModal';
import { ServerFieldError } from '../../../app/components/ServerFieldError';
import { useAsync } from '../../../app/hooks/useAsync';
import { namedFieldError, useServerFieldError } from '../../../app/hooks/useServerFieldError';
import { usersApi } from '../../users/users.api';
import { leadsApi, type Lead } from './leads.api';

const FIELDS = ['assigneeId'] as const;

/** The active users the current user can see (the server checks the rest), as select options. */
function useAssigneeOptions() {
  const { data, loading } = useAsync(() => usersApi.list({ pageSize: 500 }));
  const options = useMemo(
    () => (data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${u.orgName}）` })),
    [data],
  );
  return { options, loading };
}

interface Props {
  /** The lead to assign; null when the dialog is closed. */
  lead: Lead | null;
  onClose: () => void;
  onDone: (lead: Lead) => void;
}

/** Assigns (or reassigns) a lead to an officer. */
export function AssignLeadModal({ lead, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const assignees = useAssigneeOptions();
  const fieldError = useServerFieldError(namedFieldError(FIELDS));

  return (
    <FormModal<{ assigneeId: string }>
      open={!!lead}
      title={lead?.assigneeId ? t('leads.reassign') : t('leads.assign')}
      okText={t('common.ok')}
      initialValues={{ assigneeId: lead?.assigneeId ?? undefined }}
      onSubmit={async (v) => onDone(await fieldError.guard(() => leadsApi.assign(lead!.id, v.assigneeId)))}
      onClose={() => {
        fieldError.clear();
        onClose();
      }}
    >
      <ServerFieldError error={fieldError.error} />
      <Form.Item name="assigneeId" label={t('leads.assignee')} rules={[{ required: true, message: t('common.selectRequired', { field: t('leads.assignee') }) }]}>
        <Select showSearch optionFilterProp="label" options={assignees.options} loading={assignees.loading} />
      </Form.Item>
    </FormModal>
  );
}
