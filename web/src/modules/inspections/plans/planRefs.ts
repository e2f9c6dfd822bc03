import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { clausesOf, labelled, listOf, withNote } from '../../../app/i18n/punctuation';
import { useAsync } from '../../../app/hooks/useAsync';
import { itemsApi, poolsApi, type Plan } from '../inspections.api';
import '../planning.pages.i18n';

/** The items and pools plans refer to: names by id, and options for the plan form (active items only). */
export function usePlanRefs() {
  const { t } = useTranslation();
  const { data, loading } = useAsync(() => Promise.all([itemsApi.list({ pageSize: 500 }), poolsApi.all()]));
  return useMemo(() => {
    const [items, pools] = data ?? [{ items: [] }, { items: [] }];
    const itemById = new Map(items.items.map((i) => [i.id, i]));
    const poolById = new Map(pools.items.map((p) => [p.id, p]));
    return {
      loading,
      item: (id: string) => itemById.get(id),
      pool: (id: string) => poolById.get(id),
      itemOptions: items.items.filter((i) => i.active).map((i) => ({ value: i.id, label: i.name })),
      poolOptions: pools.items.map((p) => ({ value: p.id, label: withNote(t, p.name, p.size) })),
    };
  }, [data, loading, t]);
}

/** How a plan sizes its draw, in one line (e.g. "按信用等级比例：A 3% · B 5% · C 15% · D 100%；最少 3 户"). */
export function usePlanRule() {
  const { t } = useTranslation();
  return (plan: Pick<Plan, 'mode' | 'ratios' | 'minimum' | 'fixedCount'>): string => {
    const mode = t(`inspectionPlans.plans.modes.${plan.mode}`);
    if (plan.mode === 'fixed') return labelled(t, mode, t('inspectionPlans.plans.summaryFixed', { count: plan.fixedCount ?? 0 }));
    if (plan.mode === 'all' || !plan.ratios) return mode;
    const ratios = t('inspectionPlans.plans.summaryRatio', plan.ratios);
    return labelled(t, mode, plan.minimum ? clausesOf(t, [ratios, t('inspectionPlans.plans.summaryMinimum', { count: plan.minimum })]) : ratios);
  };
}

/** The quarters of a plan as "Q1、Q3" ("Q1, Q3" in English). */
export function useQuarterText() {
  const { t } = useTranslation();
  return (quarters: readonly number[]) => listOf(t, quarters.map((q) => t('inspectionPlans.plans.quarterShort', { q })));
}
