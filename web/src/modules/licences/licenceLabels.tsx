import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
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

/** A licence's expiry band: past its date, or due within 30 or 90 days (the bands of the expiry to-dos). */
export type ExpiryBand = 'expired' | 'within30' | 'within90';

/** The band of an expiry date on `today` (YYYY-MM-DD in China); null when not expiring within 90 days or never. */
export function expiryBand(expiresOn: string | null | undefined, today = todayInChina().format('YYYY-MM-DD')): ExpiryBand | null {
  if (!expiresOn) return null;
  if (expiresOn < today) return 'expired';
  const within = (days: number) => expiresOn <= dayjs(today).add(days, 'day').format('YYYY-MM-DD');
  if (within(30)) return 'within30';
  if (within(90)) return 'within90';
  return null;
}

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
 * The expiry date of a licence with its band (已过期 / 30 天内到期 / 90 天内到期: one wording
 * everywhere), in red when past or within 30 days and in orange within 90; a closed licence's date
 * is plain (its state already says why it ended).
 */
export function ExpiryDate({ licence }: { licence: Pick<Licence, 'expiresOn' | 'allowedTargets'> }) {
  const { t } = useTranslation();
  const value = licence.expiresOn;
  if (!value) return <>{t('licences.noExpiry')}</>;
  const date = formatDate(value);
  if (licence.allowedTargets.length === 0) return <>{date}</>;
  const band = expiryBand(value);
  if (!band) return <>{date}</>;
  return (
    <Typography.Text type={band === 'within90' ? 'warning' : 'danger'} data-expiry-band={band}>
      {t('licences.withExpiryBand', { date, band: t(`licences.expiryBand.${band}`) })}
    </Typography.Text>
  );
}
