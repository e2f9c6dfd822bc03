import { Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../app/format';
import type { Hazard, HazardLevel, Tier, Unit } from './equipmentSafety.api';
import { HAZARD_LEVELS, HAZARD_SOURCES } from './equipmentSafety.api';
import './equipmentSafety.pages.i18n';

export const TIER_COLORS: Record<Tier, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export const today = () => todayInChina().format('YYYY-MM-DD');

/** Open (not corrected) and past its deadline: today (China time) after the deadline. */
export const hazardOverdue = (h: Pick<Hazard, 'overdue'>) => h.overdue;

export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIER_COLORS[tier]} data-testid="tier-tag">
      {t('eqs.tierLabel', { tier })}
    </Tag>
  );
}

export function HazardLevelTag({ level }: { level: HazardLevel }) {
  const { t } = useTranslation();
  return <Tag color={level === 'major' ? 'red' : 'default'}>{t(`eqs.level.${level}`)}</Tag>;
}

/** 已整改 / 逾期未整改 / 待整改. */
export function HazardStateTag({ hazard }: { hazard: Pick<Hazard, 'correctedOn' | 'overdue'> }) {
  const { t } = useTranslation();
  if (hazard.correctedOn) return <Tag color="green" data-testid="hazard-state">{t('eqs.state.corrected')}</Tag>;
  return hazardOverdue(hazard) ? (
    <Tag color="red" data-testid="hazard-state">{t('eqs.state.overdue')}</Tag>
  ) : (
    <Tag color="orange" data-testid="hazard-state">{t('eqs.state.open')}</Tag>
  );
}

/** A unit's flags: overdue inspection, failed and still in use. */
export function UnitFlags({ unit }: { unit: Pick<Unit, 'overdue' | 'failedInUse'> }) {
  const { t } = useTranslation();
  return (
    <>
      {unit.overdue && <Tag color="red">{t('eqs.unitOverdue')}</Tag>}
      {unit.failedInUse && <Tag color="volcano">{t('eqs.unitFailed')}</Tag>}
    </>
  );
}

export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A rate against its target (the seed's ≥ 90 % for self-correction): red below, green at or above. */
export function RateFigure({ rate, target, testId, none }: { rate: number | null; target?: number; testId?: string; /** Shown when there is no rate (default: nothing due yet). */ none?: string }) {
  const { t } = useTranslation();
  if (rate === null) return <Typography.Text type="secondary" data-testid={testId}>{none ?? t('eqs.rateNone')}</Typography.Text>;
  const ok = target === undefined || rate >= target;
  return (
    <Space size={8} wrap data-testid={testId}>
      <Progress type="line" percent={Math.round(rate * 1000) / 10} size="small" status={ok ? 'success' : 'exception'} style={{ width: 120, margin: 0 }} format={() => percent(rate)} />
      {target !== undefined && <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'eqs.targetMet' : 'eqs.targetMissed', { target: percent(target) })}</Tag>}
    </Space>
  );
}

export function useHazardOptions() {
  const { t } = useTranslation();
  return {
    sources: HAZARD_SOURCES.map((s) => ({ value: s, label: t(`eqs.source.${s}`) })),
    levels: HAZARD_LEVELS.map((l) => ({ value: l, label: t(`eqs.level.${l}`) })),
    states: (['open', 'overdue', 'corrected'] as const).map((s) => ({ value: s, label: t(`eqs.state.${s}`) })),
  };
}

/** The equipment registry's unit page (another module's route, linked by URL). */
export const unitPath = (id: string) => `/equipment/${encodeURIComponent(id)}`;
export const operatorPath = (id: string) => `/equipment/operators/${encodeURIComponent(id)}`;
export const hazardPath = (id: string) => `/equipment/hazards/${encodeURIComponent(id)}`;
