import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lead, LeadOutcome, LeadStatus } from './leads.api';
import './leads.pages.i18n';

// Records make the compiler insist on every value (and their keys list them for the selects).
const STATUS_COLOR: Record<LeadStatus, string> = { open: 'orange', assigned: 'blue', closed: 'default' };
const OUTCOME_COLOR: Record<LeadOutcome, string> = { case_filed: 'red', licensed: 'green', ceased: 'cyan', unfounded: 'default', transferred: 'purple' };

/** The lead's status; a closed lead shows its outcome beside it. */
export function LeadStatusTag({ lead }: { lead: Pick<Lead, 'status' | 'outcome'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATUS_COLOR[lead.status]}>{t(`leads.status.${lead.status}`)}</Tag>
      {lead.outcome && <Tag color={OUTCOME_COLOR[lead.outcome]}>{t(`leads.outcomes.${lead.outcome}`)}</Tag>}
    </>
  );
}

export function useLeadStatusOptions() {
  const { t } = useTranslation();
  return (Object.keys(STATUS_COLOR) as LeadStatus[]).map((s) => ({ value: s, label: t(`leads.status.${s}`) }));
}

export function useLeadOutcomeOptions() {
  const { t } = useTranslation();
  return (Object.keys(OUTCOME_COLOR) as LeadOutcome[]).map((o) => ({ value: o, label: t(`leads.outcomes.${o}`) }));
}
