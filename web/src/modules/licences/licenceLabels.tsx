import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInChina } from '../../app/format';
import type { Licence, LicenceState } from './licences.api';

// A Record makes the compiler insist on every state (and its keys list them for the filter).
const STATE_COLOR: Record<LicenceState, string> = {
  normal: 'green',
  warning: 'orange',
  changeOrdered: 'gold',
  suspended: 'volcano',
  revoked: 'red',
  cancelled: 'default',
  withdrawn: 'purple',
  expired: 'default',
};

/** Days before the expiry date from which a licence is shown as expiring soon. */
const EXPIRY_WARNING_DAYS = 90;

export function LicenceStateTag({ state }: { state: LicenceState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`licenceState.${state}`)}</Tag>;
}

/** Select options of the state filter. */
export function useLicenceStateOptions() {
  const { t } = useTranslation();
  return (Object.keys(STATE_COLOR) as LicenceState[]).map((s) => ({ value: s, label: t(`licenceState.${s}`) }));
}

/**
 * The expiry date of a licence, in red when past and in orange within the warning period; a closed
 * licence's date is plain (its state already says why it ended).
 */
export function ExpiryDate({ licence }: { licence: Pick<Licence, 'expiresOn' | 'allowedTargets'> }) {
  const { t } = useTranslation();
  const value = licence.expiresOn;
  if (!value) return <>{t('licences.noExpiry')}</>;
  const date = formatDate(value);
  if (licence.allowedTargets.length === 0) return <>{date}</>;
  const today = todayInChina().format('YYYY-MM-DD');
  const soon = todayInChina().add(EXPIRY_WARNING_DAYS, 'day').format('YYYY-MM-DD');
  if (value < today) return <Typography.Text type="danger">{t('licences.expiredOn', { date })}</Typography.Text>;
  if (value <= soon) return <Typography.Text type="warning">{t('licences.expiringOn', { date, days: EXPIRY_WARNING_DAYS })}</Typography.Text>;
  return <>{date}</>;
}
