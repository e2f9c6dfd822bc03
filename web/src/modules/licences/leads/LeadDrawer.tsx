import { App, Button, Descriptions, Drawer, Result, Skeleton, Space } from 'antd';
import { CheckCircleOutlined, FileProtectOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { withNote } from '../../../app/i18n/punctuation';
import { useAuth } from '../../../app/auth/AuthContext';
import { errorText } from '../../../app/errorText';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { AssignLeadModal } from './AssignLeadModal';
import { CloseLeadModal } from './CloseLeadModal';
import { LeadStatusTag } from './leadLabels';
import { leadsApi, type Lead } from './leads.api';
import './leads.pages.i18n';

function LeadFields({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const closed = l.status === 'closed';
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="lead-fields"
      items={[
        { key: 'status', label: t('common.status'), children: <LeadStatusTag lead={l} /> },
        { key: 'operatorName', label: t('leads.operatorName'), children: l.operatorName },
        { key: 'uscc', label: t('leads.uscc'), children: l.uscc ?? '—' },
        ...(l.enterpriseName ? [{ key: 'enterprise', label: t('leads.enterprise'), children: l.enterpriseName }] : []),
        { key: 'address', label: t('leads.address'), children: l.address },
        { key: 'region', label: t('leads.region'), children: withNote(t, l.regionName ?? '', l.regionCode) },
        { key: 'org', label: t('leads.org'), children: l.orgName },
        { key: 'licenceType', label: t('leads.licenceType'), children: l.licenceTypeName ?? '—' },
        { key: 'source', label: t('leads.source'), children: l.source },
        { key: 'description', label: t('leads.description'), children: l.description },
        { key: 'createdBy', label: t('leads.createdBy'), children: withNote(t, l.createdByName, formatDateTime(l.createdAt)) },
        { key: 'assignee', label: t('leads.assignee'), children: l.assigneeName ?? t('leads.unassigned') },
        // A case opened on the lead (the cases module closes the lead as case_filed and names the case).
        ...(l.caseId ? [{ key: 'case', label: t('leads.case'), children: <Link to={`/cases/${l.caseId}`}>{t('leads.viewCase')}</Link> }] : []),
        ...(closed
          ? [
              { key: 'result', label: t('leads.result'), children: l.result },
              { key: 'closedBy', label: t('leads.closedBy'), children: withNote(t, l.closedByName ?? '', formatDateTime(l.closedAt)) },
            ]
          : []),
      ]}
    />
  );
}

interface Props {
  /** The lead shown; null when the drawer is closed. */
  leadId: string | null;
  onClose: () => void;
  /** Called after the lead was assigned or closed (to reload the list). */
  onChanged: () => void;
}

/** One lead's details, with the assign and close actions for users who may write. */
export function LeadDrawer({ leadId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data: lead, error, reload } = useAsync(() => (leadId ? leadsApi.get(leadId) : Promise.resolve(undefined)), leadId ?? '');
  const [action, setAction] = useState<'assign' | 'close' | null>(null);
  const actionable = !!lead && lead.id === leadId && lead.status !== 'closed' && can('licence.write');

  const done = (text: string) => () => {
    void message.success(text);
    reload();
    onChanged();
  };
  // Someone else assigned or closed it meanwhile: show it (and the list) as it is now.
  const stale = () => {
    reload();
    onChanged();
  };

  return (
    <Drawer
      open={!!leadId}
      width={640}
      title={t('leads.details')}
      onClose={onClose}
      destroyOnHidden
      extra={
        actionable && (
          <Space>
            {can('case.write') && (
              <Link to={`/cases/new?leadSource=unlicensed_lead&leadId=${lead.id}`}>
                <Button icon={<FileProtectOutlined />}>{t('leads.openCase')}</Button>
              </Link>
            )}
            <Button icon={<UserSwitchOutlined />} onClick={() => setAction('assign')}>
              {lead.assigneeId ? t('leads.reassign') : t('leads.assign')}
            </Button>
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setAction('close')}>
              {t('leads.close')}
            </Button>
          </Space>
        )
      }
    >
      {error ? <Result status="error" title={errorText(error, t)} /> : lead && lead.id === leadId ? <LeadFields lead={lead} /> : <Skeleton active />}
      <AssignLeadModal lead={action === 'assign' ? (lead ?? null) : null} onClose={() => setAction(null)} onDone={done(t('leads.assigned'))} onStale={stale} />
      <CloseLeadModal lead={action === 'close' ? (lead ?? null) : null} onClose={() => setAction(null)} onDone={done(t('leads.closed'))} onStale={stale} />
    </Drawer>
  );
}
