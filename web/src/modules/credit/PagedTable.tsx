import { Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListResult, PageQuery } from '../../api/types';
import { useAsync } from '../../app/hooks/useAsync';
import { DetailPending } from '../../app/components/DetailHeader';

interface Props<T extends object> {
  /** Loads one page; `reloadKey` changes when the caller wants it loaded again. */
  fetch: (q: Required<PageQuery>) => Promise<ListResult<T>>;
  reloadKey?: string | number;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  testId: string;
  pageSize?: number;
}

/** A table of one record's related items (a tab of a detail page), paged on the server. */
export function PagedTable<T extends object>({ fetch, reloadKey = '', columns, rowKey, testId, pageSize: initial = 10 }: Props<T>) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initial);
  const list = useAsync(() => fetch({ page, pageSize }), `${reloadKey}|${page}|${pageSize}`);
  if (list.error) return <DetailPending error={list.error} loading={false} />;
  return (
    <Table<T>
      size="small"
      data-testid={testId}
      rowKey={rowKey}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { count: total }),
        onChange: (p, s) => {
          setPage(s === pageSize ? p : 1);
          setPageSize(s);
        },
      }}
    />
  );
}
