import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { calendarApi } from './calendar.api';

/** The month from which next year's holiday data is expected (the State Council publishes it in the autumn). */
const WARN_FROM_MONTH = 11;

/** Whether to warn on `today`: from 1 November, when the calendar has no complete data for next year. */
export function nextYearMissing(coveredYears: readonly number[], today = todayInChina()): number | null {
  const next = today.year() + 1;
  return today.month() + 1 >= WARN_FROM_MONTH && !coveredYears.includes(next) ? next : null;
}

/**
 * From 1 November, a warning that next year's holidays are not loaded (deadlines counted into it
 * are marked uncertain), with a link to the calendar page unless shown on it (`coveredYears`: the page's list of complete years).
 */
export function NextYearHolidaysAlert({ coveredYears }: { coveredYears?: readonly number[] }) {
  const { t } = useTranslation();
  // On the calendar page the page's own list is passed in (it reloads after a year is marked complete).
  const onCalendarPage = coveredYears !== undefined;
  const years = useAsync(() => (onCalendarPage ? Promise.resolve(null) : calendarApi.years()));
  const covered = coveredYears ?? years.data?.items.map((y) => y.year);
  const year = covered ? nextYearMissing(covered) : null;
  if (year === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="next-year-holidays-missing"
      style={onCalendarPage ? { marginBottom: 16 } : undefined}
      message={t('calendar.nextYearMissing', { year })}
      description={onCalendarPage ? t('calendar.nextYearMissingHint') : <Link to="/calendar">{t('calendar.nextYearMissingLink')}</Link>}
    />
  );
}
