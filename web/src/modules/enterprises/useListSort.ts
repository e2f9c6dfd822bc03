import { useState } from 'react';
import type { TableProps } from 'antd';

type Order = 'ascend' | 'descend';

/**
 * Server-side sorting for a ListPage table: sortable columns spread `sortable(key)`, the table's
 * onChange turns the clicked column into the API's `sort` value (`key`, or `-key` descending).
 */
export function useListSort<T extends object, K extends string>() {
  const [sort, setSort] = useState<{ key: K; order: Order } | null>(null);

  const sortable = (key: K) => ({ key, sorter: true, sortOrder: sort?.key === key ? sort.order : null });

  const onChange: NonNullable<TableProps<T>['onChange']> = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(s?.order && s.columnKey ? { key: String(s.columnKey) as K, order: s.order } : null);
  };

  const param = sort ? ((sort.order === 'descend' ? `-${sort.key}` : sort.key) as K | `-${K}`) : undefined;
  return { sortable, onChange, param };
}
