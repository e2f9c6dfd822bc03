import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInChina } from '../../app/format';
import { withNote } from '../../app/i18n/punctuation';
import { CONCLUSIONS, EQUIPMENT_STATUSES, KEY_UNIT_KINDS, type Conclusion, type EquipmentStatus, type Unit } from './equipment.api';

// A Record makes the compiler insist on every status.
const STATUS_COLOR: Record<EquipmentStatus, string> = { in_use: 'green', suspended: 'orange', scrapped: 'default', deregistered: 'default' };
const CONCLUSION_COLOR: Record<Conclusion, string> = { pass: 'green', pass_with_remarks: 'gold', fail: 'red' };

export const unitPath = (id: string) => `/equipment/${encodeURIComponent(id)}`;

export function StatusTag({ status }: { status: EquipmentStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`equipment.statuses.${status}`)}</Tag>;
}

export function ConclusionTag({ conclusion }: { conclusion: Conclusion | null }) {
  const { t } = useTranslation();
  if (!conclusion) return <>{t('equipment.none')}</>;
  return <Tag color={CONCLUSION_COLOR[conclusion]}>{t(`equipment.conclusions.${conclusion}`)}</Tag>;
}

/**
 * The red flags of a unit, wherever it shows: overdue for its periodic inspection (today in China is
 * after its due date) and failed while still in use. Nothing when neither applies.
 */
export function UnitFlags({ unit }: { unit: Pick<Unit, 'overdue' | 'failedInUse'> }) {
  const { t } = useTranslation();
  if (!unit.overdue && !unit.failedInUse) return null;
  return (
    <Space size={4} wrap data-testid="unit-flags">
      {unit.overdue && (
        <Tag color="red" data-flag="overdue">
          {t('equipment.flag.overdue')}
        </Tag>
      )}
      {unit.failedInUse && (
        <Tag color="red" data-flag="failedInUse">
          {t('equipment.flag.failedInUse')}
        </Tag>
      )}
    </Space>
  );
}

/** Days from today in China to `date` (negative when past). */
export const daysUntil = (date: string, today = todayInChina()) => dayjs(date).diff(today, 'day');

/**
 * The next due date: in red with the days overdue when the server says the unit is overdue, in
 * orange within 30 days (the month ahead in which the user must ask for the inspection).
 */
export function DueDate({ unit }: { unit: Pick<Unit, 'nextInspectionDue' | 'overdue' | 'status'> }) {
  const { t } = useTranslation();
  const due = unit.nextInspectionDue;
  if (!due) return <>{t('equipment.none')}</>;
  const date = formatDate(due);
  if (unit.status !== 'in_use') return <span className="zj-nowrap">{date}</span>;
  const days = daysUntil(due);
  if (unit.overdue)
    return (
      <Typography.Text type="danger" className="zj-nowrap" data-due="overdue">
        {withNote(t, date, t('equipment.overdueDays', { days: Math.max(1, -days) }))}
      </Typography.Text>
    );
  if (days <= 30)
    return (
      <Typography.Text type="warning" className="zj-nowrap" data-due="soon">
        {withNote(t, date, days === 0 ? t('equipment.flag.dueToday') : t('equipment.daysLeft', { days }))}
      </Typography.Text>
    );
  return <span className="zj-nowrap">{date}</span>;
}

/** Select options of the enumerations. */
export function useUnitOptions() {
  const { t } = useTranslation();
  return {
    statusOptions: EQUIPMENT_STATUSES.map((s) => ({ value: s, label: t(`equipment.statuses.${s}`) })),
    keyUnitKindOptions: KEY_UNIT_KINDS.map((k) => ({ value: k, label: t(`equipment.keyUnitKinds.${k}`) })),
    conclusionOptions: CONCLUSIONS.map((c) => ({ value: c, label: t(`equipment.conclusions.${c}`) })),
    safetyGradeOptions: [1, 2, 3, 4, 5].map((g) => ({ value: g, label: t('equipment.safetyGradeValue', { grade: g }) })),
  };
}
