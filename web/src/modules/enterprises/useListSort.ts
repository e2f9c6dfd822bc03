import type { TableProps } from 'antd';
import { useListState } from '../../app/list/useListState';

type Order = 'ascend' | 'descend';

/**
 * Server-side sorting for a ListPage table: sortable columns spread `sortable(key)`, the table's
 * onChange turns the clicked column into the API's `sort` value (`key`, or `-key` descending),
 * kept in the URL with the list's filters and page (useListState).
 */
export function useListSort<T extends object, K extends string>() {
  const list = useListState();
  const param = list.sort as K | `-${K}` | undefined;
  const sort = param ? { key: param.replace(/^-/, '') as K, order: (param.startsWith('-') ? 'descend' : 'ascend') as Order } : null;

  const sortable = (key: K) => ({ key, sorter: true, sortOrder: sort?.key === key ? sort.order : null });

  const onChange: NonNullable<TableProps<T>['onChange']> = (_pagination, _filters, sorter, extra) => {
    if (extra?.action !== 'sort') return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    list.setSort(s?.order && s.columnKey ? (s.order === 'descend' ? `-${String(s.columnKey)}` : String(s.columnKey)) : undefined);
  };

  return { sortable, onChange, param };
}
