import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreditClass, EnterpriseStatus } from '../../api/types';

// A Record makes the compiler insist on every value; the order is the display order.
const STATUS_COLOR: Record<EnterpriseStatus, string> = {
  active: 'green',
  suspended: 'orange',
  cancelled: 'default',
  revoked: 'red',
  moved_out: 'purple',
};
export const ENTERPRISE_STATUSES = Object.keys(STATUS_COLOR) as EnterpriseStatus[];

const CREDIT_COLOR: Record<CreditClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
export const CREDIT_CLASSES = Object.keys(CREDIT_COLOR) as CreditClass[];

export function StatusTag({ status }: { status: EnterpriseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`enterpriseStatus.${status}`)}</Tag>;
}

export function CreditClassTag({ value }: { value: CreditClass | null }) {
  const { t } = useTranslation();
  if (!value) return <Tag>{t('enterprises.creditUnrated')}</Tag>;
  return <Tag color={CREDIT_COLOR[value]}>{t('enterprises.creditClassValue', { value })}</Tag>;
}

/** Select options for the status and credit-class filters and fields. */
export function useEnterpriseOptions() {
  const { t } = useTranslation();
  return {
    statusOptions: ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) })),
    creditOptions: CREDIT_CLASSES.map((c) => ({ value: c, label: t('enterprises.creditClassValue', { value: c }) })),
  };
}
