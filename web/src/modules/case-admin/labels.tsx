import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PENALTY_TYPES, PUBLICATION_STATES, type PenaltyType, type PublicationState } from './caseAdmin.api';
import './caseAdmin.pages.i18n';

const STATE_COLORS: Record<PublicationState, string> = { pending: 'gold', published: 'green', expired: 'default', not_published: 'default', removed: 'default' };

/** The publication's state today (a published decision past its period is `expired`). */
export function PublicationStateTag({ state }: { state: PublicationState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`caseAdmin.pub.statuses.${state}`)}</Tag>;
}

export function usePublicationStatusOptions() {
  const { t } = useTranslation();
  return PUBLICATION_STATES.map((s) => ({ value: s, label: t(`caseAdmin.pub.statuses.${s}`) }));
}

export function usePenaltyTypeOptions() {
  const { t } = useTranslation();
  return PENALTY_TYPES.map((p) => ({ value: p, label: t(`caseAdmin.penaltyTypes.${p}`) }));
}

export function PenaltyTypeTags({ types }: { types: readonly PenaltyType[] }) {
  const { t } = useTranslation();
  return (
    <>
      {types.map((p) => (
        <Tag key={p}>{t(`caseAdmin.penaltyTypes.${p}`, { defaultValue: p })}</Tag>
      ))}
    </>
  );
}

/** A DatePicker's value as the API's China date, or undefined. */
export const isoDate = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);
