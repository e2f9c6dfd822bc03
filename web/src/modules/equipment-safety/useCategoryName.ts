import { useMemo } from 'react';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type Unit } from './equipmentSafety.api';

/** A unit's category as text (`电梯 · 曳引与强制驱动电梯`), from the registry's catalogue. */
export function useCategoryName() {
  const { data } = useAsync(eqApi.categories);
  return useMemo(() => {
    const names = new Map((data?.items ?? []).map((c) => [c.code, c.name]));
    return (u: Pick<Unit, 'category' | 'subcategory'>) => {
      const top = names.get(u.category) ?? u.category;
      const sub = u.subcategory ? names.get(u.subcategory) : undefined;
      return sub ? `${top} · ${sub}` : top;
    };
  }, [data]);
}
