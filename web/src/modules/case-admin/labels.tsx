import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PENALTY_TYPES, PUBLICATION_STATUSES, type PenaltyType, type PublicationStatus } from './caseAdmin.api';
import './caseAdmin.pages.i18n';

const STATUS_COLORS: Record<PublicationStatus, string> = { pending: 'gold', published: 'green', not_published: 'default', removed: 'default' };

export function PublicationStatusTag({ status }: { status: PublicationStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`caseAdmin.pub.statuses.${status}`)}</Tag>;
}

export function usePublicationStatusOptions() {
  const { t } = useTranslation();
  return PUBLICATION_STATUSES.map((s) => ({ value: s, label: t(`caseAdmin.pub.statuses.${s}`) }));
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
