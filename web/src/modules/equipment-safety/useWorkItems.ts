import { useMemo } from 'react';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type WorkItem } from './equipmentSafety.api';

/** The work-item dictionary (TSG Z6001 作业项目) as options and a name lookup (`Q2 起重机司机`). */
export function useWorkItems() {
  const { data } = useAsync(eqApi.workItems);
  return useMemo(() => {
    const items: WorkItem[] = data?.items ?? [];
    const byCode = new Map(items.map((i) => [i.code, i]));
    return {
      items,
      nameOf: (code: string) => {
        const item = byCode.get(code);
        return item ? `${item.code} ${item.name}` : code;
      },
      options: items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
    };
  }, [data]);
}
