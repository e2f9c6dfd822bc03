import { Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRecord } from '../draws/drawRecord';
import '../draws.pages.i18n';

interface PoolRow {
  index: number;
  id: string;
  name: string | null;
  certificateNo: string | null;
}

/** The inspector pool as frozen at the commit, by name and certificate number. */
export function InspectorPool({ record }: { record: PublicRecord }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.record.${key}`);
  const rows = useMemo(() => {
    const people = new Map((record.inspectors ?? []).map((i) => [i.id, i]));
    return (record.inspectorPool ?? []).map((id, i): PoolRow => ({ index: i + 1, id, name: people.get(id)?.name ?? null, certificateNo: people.get(id)?.certificateNo ?? null }));
  }, [record]);
  const columns: TableColumnsType<PoolRow> = [
    { title: '#', dataIndex: 'index', width: 60 },
    { title: label('inspectorName'), dataIndex: 'name', render: (v: string | null, r) => <span title={r.id}>{v ?? <Typography.Text type="secondary">{label('unknownInspector')}</Typography.Text>}</span> },
    { title: label('certificateNo'), dataIndex: 'certificateNo', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {label('poolHint')}
      </Typography.Paragraph>
      <Table<PoolRow>
        data-testid="draw-pool"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: label('poolEmpty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </>
  );
}
