import { Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/errorText';
import { formatDate } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { OriginTag } from './taskLabels';
import { publicResultsApi, type PublicResult } from './tasks.api';

const PAGE_SIZE = 10;

interface Props {
  uscc?: string;
  year?: number;
  /** Leave out the enterprise columns (on one enterprise's record). */
  withoutEnterprise?: boolean;
  title?: string;
  /** The page, when the caller keeps it (e.g. in the URL); otherwise the table keeps its own. */
  paging?: { page: number; onPage: (page: number) => void };
}

/** Published inspection results (no login), newest first, paged by the server. */
export function PublicResultsTable({ uscc, year, withoutEnterprise, title, paging }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ uscc, year, current: 1 });
  // a new search starts again from page 1
  const current = paging ? paging.page : page.uscc === uscc && page.year === year ? page.current : 1;
  const onPage = (p: number) => (paging ? paging.onPage(p) : setPage({ uscc, year, current: p }));
  const { data, error, loading } = useAsync(
    () => publicResultsApi.list({ uscc, year, page: current, pageSize: PAGE_SIZE }),
    `${uscc ?? ''}|${year ?? ''}|${current}`,
  );
  const label = (key: string) => t(`inspectionTasks.${key}`);

  const columns: TableColumnsType<PublicResult> = [
    ...(withoutEnterprise
      ? []
      : [
          { title: label('enterprise'), dataIndex: 'enterpriseName' },
          { title: t('enterprises.uscc'), className: 'zj-nowrap', dataIndex: 'uscc' },
        ]),
    { title: label('item'), dataIndex: 'itemName' },
    { title: label('originLabel'), dataIndex: 'origin', render: (_, r) => <OriginTag origin={r.origin} /> },
    { title: label('plan'), dataIndex: 'planName', render: (v: string | null) => v ?? '—' },
    { title: label('inspectedOn'), className: 'zj-nowrap', dataIndex: 'inspectedOn', render: (v: string | null) => formatDate(v) },
    { title: label('result'), dataIndex: 'result', render: (v: string | null) => v ?? '—' },
    { title: label('publishedAt'), className: 'zj-nowrap', dataIndex: 'publishedAt', render: (v: string | null) => formatDate(v) },
  ];

  return (
    <Table<PublicResult>
      data-testid="public-inspection-results"
      size="small"
      rowKey="id"
      scroll={{ x: 900 }}
      title={title ? () => <Typography.Text strong>{title}</Typography.Text> : undefined}
      locale={{ emptyText: error ? errorText(error, t) : label('publicEmpty') }}
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      pagination={
        data && data.total > PAGE_SIZE
          ? { current, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: onPage }
          : false
      }
    />
  );
}
